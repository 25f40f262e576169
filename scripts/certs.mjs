// Generates a local CA and a localhost certificate into .certs/ (no sudo, nothing installed system-wide).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import devCerts from "office-addin-dev-certs";

export const certDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".certs");

export async function ensureCertificates() {
  const files = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => path.join(certDir, f));
  if (files.every(existsSync)) return false;
  await devCerts.generateCertificates(...files, 30);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const made = await ensureCertificates();
  console.log(made ? `Development certificates written to ${certDir}` : `Development certificates already in ${certDir}`);
}
