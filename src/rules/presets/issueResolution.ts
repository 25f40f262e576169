// The presets' issue resolution routes: Mid and South Essex's SLE-then-Board routes and the Mid Essex Alliance's failure to agree; NENC's consensus-building without votes.
import type { IssueResolutionInput } from "../issueRoutes";
import { illustrative } from "./common";

type Outcome = IssueResolutionInput["routes"][number]["stages"][number]["outcomes"][number];
const resolves = (id: string, label: string, vote?: Outcome["vote"]): Outcome => ({ id, label, effect: "resolves", ...(vote ? { vote } : {}) });
const escalates = (id: string, label: string, vote?: Outcome["vote"]): Outcome => ({ id, label, effect: "escalates", ...(vote ? { vote } : {}) });

/**
 * Mid and South Essex: capital and transformation funding go from the SLE's consensus to the Partnership Board's 75%
 * (8.3–8.4), and that vote waits on the SLE's failure; any other issue takes the four stages of 8.10; within the Mid
 * Essex Alliance a failure to agree takes its own route (MEA MoU 10), with a dissenter's exit on the notice of MEA MoU 8.
 */
export const midSouthEssexIssues: IssueResolutionInput = {
  routes: [
    {
      id: "sle-consensus",
      label: "SLE consensus, else the Partnership Board (capital, transformation funding)",
      body: "sle",
      clause: "MoU 8.3–8.4",
      stages: [
        {
          id: "sle-consensus",
          label: "SLE seeks agreement by consensus",
          clause: "MoU 8.3",
          kind: "discussion",
          outcomes: [resolves("agreed", "SLE agreed by consensus"), escalates("no-consensus", "SLE could not reach consensus")],
        },
        {
          id: "partnership-board",
          label: "Partnership Board decides, with not less than 75% of eligible members",
          clause: "MoU 8.4",
          kind: "vote",
          rules: ["pb-capital", "pb-transformation"],
          outcomes: [
            resolves("decided", "Partnership Board decided", "carried"),
            // The MoU lets the Board decide only with 75%: short of it there is no decision, and it may be put again.
            { id: "not-supported", label: "Not supported by 75% of eligible members; no decision", effect: "repeats", vote: "not-carried" },
          ],
        },
      ],
    },
    {
      id: "issue-resolution",
      label: "Issue resolution: SLE, SLE majority, facilitator, Partnership Board",
      body: "sle",
      clause: "MoU 8.6–8.10",
      stages: [
        {
          id: "sle-discussion",
          label: "SLE discusses openly, with advice",
          clause: "MoU 8.10(1)",
          kind: "discussion",
          outcomes: [resolves("resolved", "Resolved to the affected parties' mutual satisfaction"), escalates("not-resolved", "SLE discussion did not resolve it")],
        },
        {
          id: "sle-majority",
          label: "SLE majority of eligible partners participating and affected",
          clause: "MoU 8.10(2)",
          kind: "vote",
          rules: ["sle-issue-resolution"],
          outcomes: [
            resolves("decided", "SLE decided by majority; the parties accept it", "carried"),
            escalates("not-accepted", "SLE decided; the parties do not accept it", "carried"),
            escalates("no-decision", "SLE could not come to a decision", "not-carried"),
          ],
        },
        {
          id: "facilitator",
          label: "Independent facilitator selected by the SLE",
          clause: "MoU 8.10(3)",
          kind: "facilitation",
          outcomes: [resolves("resolved", "Resolved with the independent facilitator"), escalates("not-resolved", "The facilitator could not resolve it")],
        },
        {
          id: "partnership-board",
          label: "Partnership Board majority decision",
          clause: "MoU 8.10(4)",
          kind: "vote",
          rules: ["pb-issue-resolution"],
          outcomes: [
            resolves("decided", "Partnership Board decided by majority", "carried"),
            { id: "no-majority", label: "No majority; to be put to the Board again", effect: "repeats", vote: "not-carried" },
          ],
        },
      ],
    },
    {
      id: "mea-failure-to-agree",
      label: "Mid Essex Alliance: failure to agree",
      body: "mea",
      clause: "MEA MoU 10",
      stages: [
        {
          id: "registered",
          label: "Registered with the Chair of the Alliance",
          clause: "MEA MoU 10",
          kind: "notice",
          outcomes: [escalates("registered", "Failure to agree registered with the Chair")],
        },
        {
          id: "first-meeting",
          label: "Alliance meeting, with the partners failing to agree",
          clause: "MEA MoU 10",
          kind: "meeting",
          outcomes: [resolves("resolved", "Resolved at the meeting"), escalates("remains", "The failure to agree remains")],
        },
        {
          id: "second-meeting",
          label: "Second meeting, without the partners failing to agree",
          clause: "MEA MoU 10",
          kind: "vote",
          rules: ["mea-majority"],
          excludesDissenters: true,
          outcomes: [
            resolves("decided-accepted", "Decided by simple majority, final and binding; accepted", "carried"),
            escalates("decided-not-accepted", "Decided by simple majority, final and binding; not accepted", "carried"),
            { id: "no-majority", label: "No majority; the second meeting meets again", effect: "repeats", vote: "not-carried" },
          ],
        },
        {
          id: "dissenters-choice",
          label: "The partners not accepting: let it rest, or exit",
          clause: "MEA MoU 10",
          kind: "notice",
          // Exit "to be governed by Clause 8": no less than 30 days' notice.
          notice: { days: 30, clause: "MEA MoU 8, 10" },
          outcomes: [
            resolves("not-pursued", "The partners conclude it need not be resolved"),
            { id: "exit", label: "Notice to exit the Alliance given", effect: "resolves", startsNotice: true },
          ],
        },
      ],
    },
  ],
  preconditions: [
    { rule: "pb-capital", route: "sle-consensus", stage: "sle-consensus", outcome: "no-consensus", clause: "MoU 8.3–8.4" },
    { rule: "pb-transformation", route: "sle-consensus", stage: "sle-consensus", outcome: "no-consensus", clause: "MoU 8.3–8.4" },
  ],
};

/**
 * North East and North Cumbria: no voting threshold and no vote. Governance builds consensus and never overrides the
 * statutory boards (14, 16): an issue goes from the ICP to the Management Group (24), offsetting between ICPs is only
 * a discussion the ICS opens (30), and what no one agrees stays with the organisations' own boards.
 */
export const northEastIssues: IssueResolutionInput = {
  routes: [
    {
      id: "consensus",
      label: "Consensus-building; the statutory boards decide",
      body: "ics-management-group",
      clause: "NENC ICS MoU 14, 16",
      stages: [
        {
          id: "icp-peer-challenge",
          label: "Within the ICP: open discussion, peer challenge and support",
          clause: "NENC ICS MoU 29",
          kind: "discussion",
          outcomes: [resolves("agreed", "Agreed within the ICP"), escalates("not-agreed", "Not agreed; escalated by the ICP Leads")],
        },
        {
          id: "management-group",
          label: "ICS Management Group considers how the system can support",
          clause: "NENC ICS MoU 24",
          kind: "discussion",
          outcomes: [resolves("agreed", "Agreed with the Management Group's support"), escalates("not-agreed", "Not agreed at the Management Group")],
        },
        {
          id: "offsetting-discussion",
          label: "The ICS opens discussions on offsetting between ICPs (a proposal)",
          clause: "NENC ICS MoU 30",
          kind: "discussion",
          outcomes: [resolves("agreed", "Offset agreed by the organisations concerned"), escalates("not-agreed", "No flexibility to offset found")],
        },
        {
          id: "statutory-boards",
          label: "With the statutory boards, which the ICS does not override",
          clause: "NENC ICS MoU 14, 16",
          kind: "discussion",
          outcomes: [{ id: "with-boards", label: "Left to the organisations' statutory boards", effect: "ends" }],
        },
      ],
    },
  ],
  preconditions: [],
};

const LOCAL = illustrative("local terms of reference");

/** A blank system: talk, then the Board's vote, both for the partners to agree. */
export const blankIssues: IssueResolutionInput = {
  routes: [
    {
      id: "board",
      label: "Discussion, then the Board's vote",
      body: "board",
      clause: LOCAL,
      stages: [
        { id: "discussion", label: "Discussion between the partners", clause: LOCAL, kind: "discussion", outcomes: [resolves("resolved", "Resolved by discussion"), escalates("not-resolved", "Not resolved by discussion")] },
        {
          id: "board-vote",
          label: "The Board decides by vote",
          clause: LOCAL,
          kind: "vote",
          rules: ["board-majority"],
          outcomes: [resolves("decided", "The Board decided", "carried"), { id: "no-decision", label: "No decision; to be put again", effect: "repeats", vote: "not-carried" }],
        },
      ],
    },
  ],
  preconditions: [],
};
