// The rulebook's issue resolution routes as data: each route's ordered stages, what each stage's outcomes do to the issue, and the decision rules that wait on one.
import { z } from "zod";

// The rulebook's own id and text rules, here because rulebook.ts imports this schema (and so this file cannot import it).
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case words joined by hyphens");
const text = z.string().trim().min(1);

/** What happens at a stage: talk, a counted vote, an independent facilitator, a meeting, or a notice given in writing. */
export const STAGE_KINDS = ["discussion", "vote", "facilitation", "meeting", "notice"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * What an outcome does to the issue: resolves it, escalates it to the next stage, keeps it at this stage for another
 * attempt (a Board that did not reach a majority meets again), or ends it unresolved (left to the statutory boards).
 */
export const OUTCOME_EFFECTS = ["resolves", "escalates", "repeats", "ends"] as const;
export type OutcomeEffect = (typeof OUTCOME_EFFECTS)[number];

/** The first event of every issue: it is opened on a route, which no stage may be called. */
export const OPENED = "opened";

const StageOutcome = z.object({
  id,
  /** As the history says it, e.g. "SLE could not reach consensus" (a precondition's message quotes it). */
  label: text,
  effect: z.enum(OUTCOME_EFFECTS),
  /** At a vote stage, the count this outcome needs: the vote carried, or did not. */
  vote: z.enum(["carried", "not-carried"]).optional(),
  /** This outcome starts the stage's notice period (a dissenter's notice to exit, MEA MoU 8, 10). */
  startsNotice: z.boolean().optional(),
});

const Stage = z.object({
  id: id.refine((s) => s !== OPENED, `"${OPENED}" is the event that opens an issue, not a stage`),
  label: text,
  clause: text,
  kind: z.enum(STAGE_KINDS),
  /** At a vote stage, the decision rules that count it (one per matter the route serves); the event names the one used. */
  rules: z.array(id).optional(),
  /** The partners failing to agree take no part (the Mid Essex Alliance's second meeting, MEA MoU 10). */
  excludesDissenters: z.boolean().optional(),
  /** Days of notice an outcome that starts a notice gives, counted on calendar dates; the clause that sets them. */
  notice: z.object({ days: z.int().positive(), clause: text }).optional(),
  outcomes: z.array(StageOutcome).min(1),
});

const Route = z.object({
  id,
  label: text,
  /** The body that runs the route (the SLE; the Mid Essex Alliance; the ICS Management Group). */
  body: id,
  clause: text,
  /** In order: an issue goes through them one by one, never skipping. */
  stages: z.array(Stage).min(1),
});

/** A decision rule that may be used only once an issue reached an outcome: the Partnership Board's 75% after the SLE failed to agree (MoU 8.3–8.4). */
const Precondition = z.object({ rule: id, route: id, stage: id, outcome: id, clause: text });

export const IssueResolutionSettings = z.object({
  routes: z.array(Route).min(1),
  preconditions: z.array(Precondition).default([]),
});
export type IssueResolutionSettings = z.infer<typeof IssueResolutionSettings>;
export type IssueResolutionInput = z.input<typeof IssueResolutionSettings>;
export type IssueRoute = IssueResolutionSettings["routes"][number];
export type IssueStage = IssueRoute["stages"][number];
export type IssueOutcome = IssueStage["outcomes"][number];
export type Precondition = IssueResolutionSettings["preconditions"][number];

type Issue = (path: (string | number)[], message: string) => void;

/**
 * References and order: routes, stages and outcomes unique; each route's body, each vote stage's rules and each
 * precondition's rule, route, stage and outcome known; a vote stage says which count each outcome needs; nothing
 * escalates from the last stage; a notice is given only where the stage sets its days. Problems are reported at
 * their own path, so a sheet's reader can name the row.
 */
export function checkIssueResolution(ir: IssueResolutionSettings, known: { bodies: Set<string>; rules: Set<string> }, issue: Issue): void {
  const at = (...path: (string | number)[]) => ["issueResolution", ...path];
  const dupes = (values: string[], pathOf: (i: number) => (string | number)[], what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) issue(pathOf(i), `${what} "${v}" appears twice`);
      seen.add(v);
    });
  };
  dupes(ir.routes.map((r) => r.id), (i) => at("routes", i, "id"), "issue resolution route");
  ir.routes.forEach((route, r) => {
    if (!known.bodies.has(route.body)) issue(at("routes", r, "body"), `route "${route.id}": unknown body "${route.body}"`);
    dupes(route.stages.map((s) => s.id), (i) => at("routes", r, "stages", i, "id"), `route "${route.id}": stage`);
    route.stages.forEach((stage, s) => {
      const where = `route "${route.id}", stage "${stage.id}"`;
      const path = (...rest: (string | number)[]) => at("routes", r, "stages", s, ...rest);
      dupes(stage.outcomes.map((o) => o.id), (i) => path("outcomes", i, "id"), `${where}: outcome`);
      if (stage.kind === "vote") {
        if (!stage.rules || stage.rules.length === 0) issue(path("rules"), `${where} is a vote and names no decision rule to count it`);
        stage.rules?.forEach((rule, i) => {
          if (!known.rules.has(rule)) issue(path("rules", i), `${where}: unknown decision rule "${rule}"`);
        });
      } else if (stage.rules && stage.rules.length > 0) {
        issue(path("rules"), `${where} is a ${stage.kind}, not a vote, yet names decision rules`);
      }
      if (stage.excludesDissenters && stage.kind !== "vote" && stage.kind !== "meeting") {
        issue(path("excludesDissenters"), `${where}: only a meeting or a vote can exclude the partners failing to agree`);
      }
      stage.outcomes.forEach((o, i) => {
        if (stage.kind === "vote" && o.vote === undefined) issue(path("outcomes", i, "vote"), `${where}: outcome "${o.id}" must say whether the vote carried or not`);
        if (stage.kind !== "vote" && o.vote !== undefined) issue(path("outcomes", i, "vote"), `${where}: outcome "${o.id}" depends on a vote, but the stage is a ${stage.kind}`);
        if (o.effect === "escalates" && s === route.stages.length - 1) issue(path("outcomes", i, "effect"), `${where}: outcome "${o.id}" escalates from the last stage; there is no stage after it`);
        if (o.startsNotice && !stage.notice) issue(path("outcomes", i, "startsNotice"), `${where}: outcome "${o.id}" starts a notice, but the stage sets no notice days`);
      });
    });
  });
  ir.preconditions.forEach((p, i) => {
    const path = (field: string) => at("preconditions", i, field);
    if (!known.rules.has(p.rule)) issue(path("rule"), `precondition: unknown decision rule "${p.rule}"`);
    const route = ir.routes.find((r) => r.id === p.route);
    if (!route) return issue(path("route"), `precondition for "${p.rule}": unknown route "${p.route}"`);
    const stage = route.stages.find((s) => s.id === p.stage);
    if (!stage) return issue(path("stage"), `precondition for "${p.rule}": route "${p.route}" has no stage "${p.stage}"`);
    if (!stage.outcomes.some((o) => o.id === p.outcome)) issue(path("outcome"), `precondition for "${p.rule}": stage "${p.stage}" has no outcome "${p.outcome}"`);
  });
  dupes(ir.preconditions.map((p) => p.rule), (i) => at("preconditions", i, "rule"), "precondition for rule");
}
