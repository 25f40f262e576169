// The rulebook's content hash and version label: one hash for the Board pack, the change log and the decision log.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { rulebookJson, type Rulebook } from "./rulebook";

/** SHA-256 (hex) of the rulebook as it is stored with the workbook and exported: the same rules always give the same hash. */
export function rulebookHash(rulebook: Rulebook): string {
  return bytesToHex(sha256(utf8ToBytes(rulebookJson(rulebook))));
}

/** The first 8 hex digits of the hash, as a page or a log shows it. */
export const shortHash = (hash: string): string => hash.slice(0, 8);

/** "v3 · 1a2b3c4d": the version number and short hash the decision log records. */
export const versionLabel = (version: number, hash: string): string => `v${version} · ${shortHash(hash)}`;
