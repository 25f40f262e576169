// The task pane: header, set-up, and the capability panels, in the Office theme.
import type { Scenario } from "../rules/scenario";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { onRulebookInForce, putRulebookInForce } from "../rules/inForce";
import type { NegativeStyle } from "../rules/money";
import type { Rulebook } from "../rules/rulebook";
import { initialDraft } from "../rules/scenarioDraft";
import type { Workbook } from "../workbook/gateway";
import { DEFAULT_DISPLAY, readDisplaySettings, saveDisplaySettings } from "../workbook/displaySettings";
import { MemoryWorkbook } from "../workbook/memory";
import { AddIn, type AddInContext, type Proposal } from "./context";
import { DisplayChoice } from "./DisplayChoice";
import { setNegativeStyle } from "./format";
import { Home, type CapabilityId } from "./Home";
import { PanelTabs, type PanelTab } from "./PanelTabs";
import { SetupCard } from "./SetupCard";

// The capability panels (and the charts, solver and file readers they use) load when first opened, so the task pane starts fast.
const DecisionsPanel = lazy(() => import("./decisions/DecisionsPanel").then((m) => ({ default: m.DecisionsPanel })));
const ControlTotalPanel = lazy(() => import("./controlTotal/ControlTotalPanel").then((m) => ({ default: m.ControlTotalPanel })));
const AllocationPanel = lazy(() => import("./allocation/AllocationPanel").then((m) => ({ default: m.AllocationPanel })));
const AlignmentPanel = lazy(() => import("./alignment/AlignmentPanel").then((m) => ({ default: m.AlignmentPanel })));
const CapitalPanel = lazy(() => import("./capital/CapitalPanel").then((m) => ({ default: m.CapitalPanel })));
const ScenariosPanel = lazy(() => import("./scenarios/ScenariosPanel").then((m) => ({ default: m.ScenariosPanel })));
const RulebookPanel = lazy(() => import("./rulebook/RulebookPanel").then((m) => ({ default: m.RulebookPanel })));
const WorkbookPreview = lazy(() => import("./WorkbookPreview").then((m) => ({ default: m.WorkbookPreview })));

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    maxWidth: "60rem",
    boxSizing: "border-box",
    minWidth: 0,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  titleRow: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS },
  // Read out by screen readers, never seen: what changed after an action whose result is elsewhere on the pane.
  announcer: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface AppProps {
  workbook: Workbook;
  rulebook: Rulebook;
  rulebookSource: "workbook" | "preset";
  theme: Theme;
  /** Set when the rulebook stored in the workbook could not be used: the pane then says why and computes nothing. */
  rulebookProblem?: string;
}

type PanelId = "home" | CapabilityId | "rulebook" | "workbook";

const PANEL_LABEL: Record<PanelId, string> = {
  home: "Home",
  decisions: "Decisions",
  "control-total": "Control total",
  allocation: "Allocation",
  alignment: "Plan alignment",
  capital: "Capital",
  scenarios: "Scenarios",
  rulebook: "Rulebook",
  workbook: "Preview workbook",
};

/** The tabs in order (the preview's workbook view only outside Excel). */
const PANELS: readonly PanelId[] = ["home", "decisions", "control-total", "allocation", "alignment", "capital", "scenarios", "rulebook", "workbook"];

export function App({ workbook, rulebook: initialRulebook, rulebookSource: initialSource, theme, rulebookProblem: initialProblem }: AppProps) {
  const styles = useStyles();
  // The rulebook in force, followed as it changes: set-up storing the chosen preset, or a co-author's saved edit.
  const [inForce, setInForce] = useState({ rulebook: initialRulebook, source: initialSource, problem: initialProblem });
  const { rulebook, source: rulebookSource, problem: rulebookProblem } = inForce;
  const [workbookVersion, setWorkbookVersion] = useState(0);
  const [panel, setPanel] = useState<PanelId>("home");
  const [proposal, setProposal] = useState<Proposal>();
  const [draft, setDraft] = useState(() => initialDraft(rulebook));
  const [activeScenario, setActiveScenario] = useState<Scenario>();
  useEffect(
    () =>
      onRulebookInForce((state) => {
        if (state.status === "invalid") setInForce((now) => ({ ...now, problem: state.message }));
        else if (state.status === "ready") {
          const { rulebook: next, source } = state;
          setInForce((now) => (now.rulebook === next && now.source === source && now.problem === undefined ? now : { rulebook: next, source, problem: undefined }));
        }
      }),
    [],
  );
  // Another rulebook's inputs (formulas, criteria, Places) do not carry over: the panels start afresh under it.
  const [draftRulebook, setDraftRulebook] = useState(rulebook);
  if (draftRulebook !== rulebook) {
    setDraftRulebook(rulebook);
    setDraft(initialDraft(rulebook));
    setActiveScenario(undefined);
    setProposal(undefined);
  }
  const preview = workbook instanceof MemoryWorkbook ? workbook : undefined;
  const tabs = useMemo(() => PANELS.filter((id) => id !== "workbook" || preview).map((id): PanelTab<PanelId> => ({ id, label: PANEL_LABEL[id] })), [preview]);
  const [negatives, setNegatives] = useState<NegativeStyle>(DEFAULT_DISPLAY.negatives);
  // Set before the panels render, so every figure in one render is shown the same way.
  setNegativeStyle(negatives);
  useEffect(() => {
    let live = true;
    const follow = () => void readDisplaySettings(workbook).then((d) => live && setNegatives(d.negatives), () => undefined);
    follow();
    // A co-author's choice, saved with the workbook, is followed too.
    const stop = workbook.onSettingsChange(follow);
    return () => {
      live = false;
      stop();
    };
  }, [workbook]);
  const [announcement, setAnnouncement] = useState({ text: "", n: 0 });
  // The same words twice are still said twice: the region's content changes each time.
  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 })), []);
  const chooseNegatives = useCallback(
    (style: NegativeStyle) => {
      setNegatives(style);
      announce(style === "brackets" ? "Negative amounts now shown in brackets" : "Negative amounts now shown with a minus sign");
      void saveDisplaySettings(workbook, { negatives: style }).catch((error: Error) => announce(`The choice was not saved with the workbook: ${error.message}`));
    },
    [workbook, announce],
  );
  const context: AddInContext = useMemo(
    () => ({
      workbook,
      rulebook,
      rulebookSource,
      workbookVersion,
      workbookChanged: () => setWorkbookVersion((v) => v + 1),
      // In force for the functions too (they recalculate inside Excel); the listener above brings the panels along.
      rulebookStored: (stored) => putRulebookInForce(stored, "workbook"),
      proposal,
      proposeDecision: (p) => {
        setProposal(p);
        setPanel("decisions");
      },
      proposalTaken: () => setProposal(undefined),
      draft,
      updateDraft: setDraft,
      activeScenario,
      setActiveScenario,
      negatives,
      announce,
    }),
    [workbook, rulebook, rulebookSource, workbookVersion, proposal, draft, activeScenario, negatives, announce],
  );

  return (
    // Layout styles go on a div, not the provider: Fluent copies the provider's class onto portal nodes (chart tooltips), which would cover the page.
    <FluentProvider theme={theme}>
      <AddIn.Provider value={context}>
        <div className={styles.root}>
          <main className={styles.main}>
            <header className={styles.header}>
              <div className={styles.titleRow}>
                <Text as="h1" size={600} weight="semibold">
                  ICS Finance
                </Text>
                <DisplayChoice negatives={negatives} choose={chooseNegatives} />
              </div>
              <Text className={styles.muted}>
                {rulebookProblem
                  ? "Rules: none in force (the rulebook stored with this workbook is invalid)"
                  : `Rules: ${rulebook.name} (${rulebookSource === "workbook" ? "stored with this workbook" : "built-in preset"})`}
                {activeScenario ? ` · Scenario: ${activeScenario.name}` : ""}
              </Text>
            </header>
            {preview && (
              <MessageBar intent="info">
                <MessageBarBody>
                  Browser preview: the add-in is running outside Excel on an in-memory workbook. Choose a system and Set up workbook to
                  load its sample data; nothing leaves this page.
                </MessageBarBody>
              </MessageBar>
            )}
            {rulebookProblem && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{rulebookProblem} The stored rulebook was left as it is.</MessageBarBody>
              </MessageBar>
            )}
            {/* With the stored rulebook invalid, nothing computes: the panels would otherwise compute under the preset. */}
            {!rulebookProblem && (
              <>
                <SetupCard />
                <PanelTabs tabs={tabs} selected={panel} select={setPanel} />
                <div role="tabpanel" aria-label={PANEL_LABEL[panel]}>
                  <Suspense fallback={<Spinner size="small" label={`Opening ${PANEL_LABEL[panel]}…`} />}>
                    {panel === "home" && <Home open={setPanel} />}
                    {panel === "decisions" && <DecisionsPanel />}
                    {panel === "control-total" && <ControlTotalPanel />}
                    {panel === "allocation" && <AllocationPanel />}
                    {panel === "alignment" && <AlignmentPanel />}
                    {panel === "capital" && <CapitalPanel />}
                    {panel === "scenarios" && <ScenariosPanel />}
                    {panel === "rulebook" && <RulebookPanel />}
                    {panel === "workbook" && preview && <WorkbookPreview workbook={preview} />}
                  </Suspense>
                </div>
              </>
            )}
          </main>
          <div className={styles.announcer} aria-live="polite" aria-atomic="true" data-testid="announcer">
            {announcement.text ? <span key={announcement.n}>{announcement.text}</span> : null}
          </div>
        </div>
      </AddIn.Provider>
    </FluentProvider>
  );
}
