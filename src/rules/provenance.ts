// Where each figure in a rulebook comes from: the citations it makes, read as data, and which figures claim a source's words.
import type { Rulebook } from "./rulebook";

export const ILLUSTRATIVE_LABEL = "illustrative: agree locally";

/** The documents a clause may cite, by the names the presets use (longest first, so "NENC ICS MoU" wins over "MoU"). */
export const DOCUMENTS = ["NENC ICS MoU", "Thurrock MoU", "MEA MoU", "ICP ToR", "MoU"] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

export interface Citation {
  document: DocumentName;
  /** "8.4", "8.10(2)", "7.7–7.8", "Annex 1", "Voting", "Next steps", ... */
  ref: string;
}

export interface ParsedClause {
  illustrative: boolean;
  citations: Citation[];
}

/**
 * "MoU 6.13, 6.30; Annex 1" or "illustrative: agree locally, MoU 9.11" as citations: groups split by ";", each opening
 * with a document (or carrying the one before), then refs split by ",". Throws on a clause that names none of the seed documents.
 */
export function parseClause(clause: string): ParsedClause {
  let text = clause.trim();
  const illustrative = text.toLowerCase().startsWith(ILLUSTRATIVE_LABEL);
  if (illustrative) text = text.slice(ILLUSTRATIVE_LABEL.length).replace(/^[,\s]+/, "");
  const citations: Citation[] = [];
  let document: DocumentName | undefined;
  for (const group of text.split(";").map((g) => g.trim()).filter(Boolean)) {
    const named = DOCUMENTS.find((d) => group === d || group.startsWith(`${d} `) || group.startsWith(`${d},`));
    if (named) document = named;
    // An illustrative figure may point at a local document rather than a seed ("local terms of reference").
    if (!document && illustrative) return { illustrative, citations };
    if (!document) throw new Error(`"${clause}" names no document`);
    const refs = (named ? group.slice(named.length) : group).replace(/^[,\s]+/, "");
    for (const ref of refs.split(",").map((r) => r.trim()).filter(Boolean)) citations.push({ document, ref });
  }
  return { illustrative, citations };
}

export interface FigureSite {
  /** Where in the rulebook, e.g. "rules.pb-capital.threshold". */
  path: string;
  clause: string;
  /** The words of the source the figure claims, when it claims a source (not illustrative). */
  words?: string;
}

/** Every figure a rulebook sets, with its clause: each must be illustrative or claim a source's words. */
export function figureSites(rb: Rulebook): FigureSite[] {
  const sites: FigureSite[] = [];
  const add = (path: string, clause: string, words?: string) => sites.push({ path, clause, ...(words === undefined ? {} : { words }) });
  for (const r of rb.rules) {
    add(`rules.${r.id}.threshold`, r.clause, r.threshold.wording.replace(/^(a|an) /, ""));
    if (r.quorum) add(`rules.${r.id}.quorum`, r.quorum.clause);
  }
  for (const b of rb.bodies) for (const s of b.seats ?? []) add(`bodies.${b.id}.seats.${s.label}`, s.clause, s.wording);
  const ct = rb.controlTotal;
  if (ct) {
    add("controlTotal.rag", ct.rag.clause);
    add("controlTotal.escalation.triggers", ct.escalation.triggersClause ?? ct.escalation.clause);
    if (ct.statement) add("controlTotal.statement.efficiency", ct.statement.efficiency.clause);
  }
  if (rb.allocation) add("allocation.formulas", rb.allocation.formulasClause ?? rb.allocation.clause);
  const m = rb.allocation?.monitoring;
  if (m) {
    add("allocation.monitoring.rag", m.rag.clause);
    add("allocation.monitoring.consequences", m.consequences.clause);
    add("allocation.monitoring.tranches", m.tranches.clause);
  }
  const pa = rb.planAlignment;
  if (pa) {
    add("planAlignment.materiality", pa.materiality.clause ?? pa.clause);
    add("planAlignment.assumptions", pa.assumptions.clause);
    if (pa.planningHorizon) add("planAlignment.planningHorizon", pa.planningHorizon.clause, `${pa.planningHorizon.years} year`);
  }
  const c = rb.capital;
  if (c) {
    add("capital.criteria", c.criteriaClause ?? c.clause);
    add("capital.objective", c.objective.clause);
    add("capital.phasing", c.phasing.clause);
    add("capital.gates.majorScheme", c.gates.majorSchemeClause);
    add("capital.constraints", c.constraints.clause);
  }
  // A notice period is a figure too: the Mid Essex Alliance's 30 days is the MoU's (8), the words say so.
  for (const route of rb.issueResolution?.routes ?? []) {
    for (const s of route.stages) if (s.notice) add(`issueResolution.${route.id}.${s.id}.notice`, s.notice.clause, `${s.notice.days} days`);
  }
  return sites;
}

/** Every clause a rulebook cites anywhere, with where. */
export function allClauses(rb: Rulebook): { path: string; clause: string }[] {
  const out: { path: string; clause: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === "string" && /clause$/i.test(k)) out.push({ path: `${path}.${k}`, clause: v });
        else walk(v, `${path}.${k}`);
      }
    }
  };
  walk(rb, "rulebook");
  return out;
}
