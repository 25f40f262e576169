// The Scenarios panel: save the panels' inputs as a named scenario in the workbook, open, duplicate, rename, delete, compare and apply.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { Rulebook } from "../../rules/rulebook";
import type { Scenario } from "../../rules/scenario";
import { Notice, OutcomeNotice, ReadProblem } from "../Notice";
import { usePanelStyles } from "../panelStyles";
import { comparisonHeadline, comparisonRows, fundedDifferences, problemsOf, type Compared } from "./comparison";
import { Section, Sections } from "../Section";
import { ScenarioCharts } from "./ScenarioCharts";
import type { Outcome } from "../useAction";
import { MAX_COMPARED, useScenarios, type PendingApply } from "./useScenarios";
import { Money } from "../../rules/money";
import { pounds } from "../format";

const useStyles = makeStyles({
  scroll: { overflowX: "auto", maxWidth: "100%" },
  differs: { backgroundColor: tokens.colorPaletteYellowBackground1, fontWeight: tokens.fontWeightSemibold },
  group: { backgroundColor: tokens.colorNeutralBackground3 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

const savedOn = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A scenario's inputs in one line, for the list. */
export function describeScenario(s: Scenario, rulebook: Rulebook): string {
  const formula = rulebook.allocation?.formulas.find((f) => f.id === s.allocation.formulaId)?.label ?? s.allocation.formulaId;
  const forecasts = s.controlTotal.forecasts.length;
  const assumptions = s.assumptions.length;
  return [
    forecasts === 0 ? "forecasts as in the sheet" : `${forecasts} forecast${forecasts === 1 ? "" : "s"} changed`,
    `${formula}, fund ${s.allocation.fund === null ? "last year's total" : pounds(new Money(s.allocation.fund))}${s.allocation.paceOfChangeBasisPoints === null ? "" : `, pace ${s.allocation.paceOfChangeBasisPoints / 100}%`}`,
    assumptions === 0 ? "assumptions as in the sheet" : `${assumptions} assumption${assumptions === 1 ? "" : "s"} changed`,
    `capital envelope ${s.capital.envelope === null ? "default" : pounds(new Money(s.capital.envelope))}${s.capital.locks.length ? `, ${s.capital.locks.length} lock${s.capital.locks.length === 1 ? "" : "s"}` : ""}`,
  ].join(" · ");
}

/**
 * Asks for a name. `onSubmit` resolves true when the name was taken; otherwise the dialog stays open with the name as
 * typed and the reason (e.g. a name already in use), so nothing typed is lost.
 */
function NameDialog({ title, action, initial, onSubmit, onCancel }: { title: string; action: string; initial: string; onSubmit: (name: string) => Promise<string | undefined>; onCancel: () => void }) {
  const [name, setName] = useState(initial);
  const [refused, setRefused] = useState<string>();
  const problem = name.trim() === "" ? "Give the scenario a name" : refused;
  const onDone = (n: string | undefined) => {
    if (n === undefined) onCancel();
    else void onSubmit(n).then(setRefused);
  };
  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && onDone(undefined)}>
      <DialogSurface aria-describedby={undefined}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem) onDone(name);
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent>
              <Field label="Scenario name" validationState={problem ? "error" : "none"} validationMessage={problem}>
                <Input
                  value={name}
                  onChange={(_e, data) => {
                    setName(data.value);
                    setRefused(undefined);
                  }}
                  autoFocus
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => onDone(undefined)}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={name.trim() === ""}>
                {action}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * Asks to confirm an action: Enter submits it (the primary button is the form's submit), Escape or Cancel does not.
 * A destructive one (`destructive`) opens with focus on Cancel, so a stray Enter is safe; otherwise on the action.
 */
function ConfirmDialog({
  title,
  children,
  action,
  onDone,
  disabled,
  destructive,
}: {
  title: string;
  children: ReactNode;
  action: string;
  onDone: (yes: boolean) => void;
  disabled?: boolean;
  destructive?: boolean;
}) {
  // Answered once: a second Enter while the dialog closes does not act again.
  const answered = useRef(false);
  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    onDone(yes);
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => !data.open && answer(false)}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!disabled) answer(true);
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent>{children}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" autoFocus={destructive || disabled} onClick={() => answer(false)}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={disabled} autoFocus={!destructive && !disabled}>
                {action}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function ApplyDialog({ pending, onDone }: { pending: PendingApply; onDone: (yes: boolean) => void }) {
  const problems = problemsOf([pending])
    .filter((p) => p.blocksApply)
    .map((p) => p.text);
  return (
    <ConfirmDialog title={`Apply "${pending.scenario.name}" to the workbook?`} action="Apply and replace" onDone={onDone} disabled={problems.length > 0}>
      {problems.length > 0 ? (
        <Notice intent="error" title="This scenario cannot be applied yet">
          {problems.join(" ")}
        </Notice>
      ) : (
        <>
          <Text block>This writes the scenario's outputs to the add-in's own sheets, in one step:</Text>
          <ul aria-label="Sheets the scenario writes">
            {pending.sheets.map((s) => (
              <li key={s.sheet}>
                <Text>
                  {s.what}: {s.exists ? <strong>replaces</strong> : "adds"} the sheet "{s.sheet}"
                </Text>
              </li>
            ))}
          </ul>
          <Text block>Your own sheets, the input tables (Plans, Places, Schemes and the rest) and the decision log are not touched.</Text>
        </>
      )}
    </ConfirmDialog>
  );
}

function Comparison({ rulebook, compared }: { rulebook: Rulebook; compared: Compared[] }) {
  const styles = useStyles();
  const base = usePanelStyles();
  const rows = comparisonRows(rulebook, compared);
  const funded = fundedDifferences(compared);
  const problems = problemsOf(compared).map((p) => p.text);
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <>
      <Text size={200}>{`Each figure against "${compared[0]!.scenario.name}"; what differs is highlighted, with the difference.`}</Text>
      <div className={styles.scroll}>
        <Table size="small" aria-label="Scenarios side by side">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Measure</TableHeaderCell>
              {compared.map((c) => (
                <TableHeaderCell key={c.scenario.id}>{c.scenario.name}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((g) => [
              <TableRow key={g} className={styles.group}>
                <TableCell colSpan={compared.length + 1}>
                  <Text weight="semibold">{g}</Text>
                </TableCell>
              </TableRow>,
              ...rows
                .filter((r) => r.group === g)
                .map((r) => (
                  <TableRow key={`${g}-${r.label}`}>
                    <TableCell>{r.label}</TableCell>
                    {r.cells.map((cell, i) => (
                      <TableCell key={compared[i]!.scenario.id} className={cell.difference ? styles.differs : undefined}>
                        <Text block>{cell.text}</Text>
                        {cell.difference && (
                          <Text block size={200}>
                            {cell.difference === "differs" ? "differs" : `${cell.difference} on the first`}
                          </Text>
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                )),
            ])}
          </TableBody>
        </Table>
      </div>
      {funded.slice(1).map((f, k) => {
        const name = compared[k + 1]!.scenario.name;
        if (f.added.length === 0 && f.dropped.length === 0) return null;
        return (
          <Text key={name} block size={200}>
            <strong>{name}</strong> funds {f.added.length ? f.added.join(", ") : "no other schemes"} that "{compared[0]!.scenario.name}" does not
            {f.dropped.length ? `, and not ${f.dropped.join(", ")}` : ""}.
          </Text>
        );
      })}
      {problems.length > 0 && (
        <Notice intent="warning" title="Some figures cannot be worked out">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
      <ScenarioCharts rulebook={rulebook} rows={rows} compared={compared} />
      <Text size={200} className={base.muted}>
        Figures are worked out from the workbook's tables as they are now, under each scenario's inputs; capital portfolios are proven optimal (HiGHS).
      </Text>
    </>
  );
}

/** The answer at the top of the panel: the comparison in a sentence per scenario, or what to do to get one. */
function Headline({ s }: { s: ReturnType<typeof useScenarios> }) {
  const compared = s.comparison;
  const lines =
    compared && compared.length >= 2
      ? comparisonHeadline(comparisonRows(s.rulebook, compared), compared)
      : compared?.length === 1
        ? [`Tick one or two more scenarios to compare with "${compared[0]!.scenario.name}".`]
        : s.scenarios?.length
          ? [`${s.scenarios.length} scenario${s.scenarios.length === 1 ? "" : "s"} saved in this workbook: tick two or three below to compare them.`]
          : s.scenarios
            ? ["No scenarios saved in this workbook yet: set the inputs in the panels, then save them here under a name."]
            : [];
  return (
    <div aria-live="polite" data-testid="scenarios-headline">
      {s.comparing ? (
        <Spinner size="tiny" label="Working out each scenario…" />
      ) : (
        lines.map((line) => (
          <Text key={line} block weight="semibold">
            {line}
          </Text>
        ))
      )}
    </div>
  );
}

type Asking = { kind: "duplicate" | "rename" | "delete"; scenario: Scenario } | undefined;

export function ScenariosPanel() {
  const styles = useStyles();
  const base = usePanelStyles();
  const s = useScenarios();
  const [name, setName] = useState("");
  const [asking, setAsking] = useState<Asking>();
  // The answer above the action is re-worked after a save (the list re-read) and can grow: the confirmation being read,
  // which has the focus, is kept in view.
  const outcomeAt = useRef<HTMLDivElement>(null);
  const keepOutcomeInView = () => {
    const at = outcomeAt.current;
    if (at?.contains(at.ownerDocument.activeElement)) at.scrollIntoView?.({ block: "nearest" });
  };
  useLayoutEffect(keepOutcomeInView, [s.scenarios, s.comparison, s.activeScenario]);
  // The message bar itself settles its layout a frame after it is shown (it reflows to fit the text), growing past the
  // bottom of the screen it was brought onto.
  useEffect(() => {
    const at = outcomeAt.current;
    if (!at) return;
    const observer = new ResizeObserver(keepOutcomeInView);
    observer.observe(at);
    return () => observer.disconnect();
  }, []);
  /** Closes the name dialog when the action succeeded; otherwise gives it the reason to show. */
  const nameTaken = async (action: Promise<Outcome>) => {
    const { ok, message } = await action;
    if (ok) setAsking(undefined);
    return ok ? undefined : message;
  };

  return (
    <section className={base.panel} aria-labelledby="scenarios-heading">
      <Text id="scenarios-heading" as="h2" weight="semibold" size={400}>
        Scenarios
      </Text>
      <Text size={200} className={base.muted}>
        Named sets of the panels' inputs, saved in this workbook: compare two or three side by side, and apply one to the report sheets.
      </Text>

      {/* The answer and the action that matters: the comparison, and saving the inputs now in the panels. */}
      <Card aria-label="Scenarios: the comparison and the inputs now">
        <Headline s={s} />
        <Text size={200} className={base.muted}>
          {s.activeScenario ? (
            <span>
              The inputs in the panels were opened from or saved as <strong>{s.activeScenario.name}</strong>; changes since then are kept until you save them
            </span>
          ) : (
            "The inputs in the panels are not yet saved as a scenario"
          )}
        </Text>
        {/* A form, so Enter in the name saves it. */}
        <form
          className={base.row}
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() !== "" && !s.busy) void s.saveAs(name).then((o) => o.ok && setName(""));
          }}
        >
          <Field label="New scenario name" className={base.grow}>
            <Input value={name} onChange={(_e, data) => setName(data.value)} placeholder="e.g. Winter pressures" />
          </Field>
          <Button appearance="primary" type="submit" disabled={name.trim() === "" || !!s.busy}>
            Save as new scenario
          </Button>
          {s.activeScenario && (
            <Button disabled={!!s.busy} onClick={() => void s.saveChanges()}>
              Save changes to "{s.activeScenario.name}"
            </Button>
          )}
        </form>
        {s.busy && <Spinner size="tiny" label={`${s.busy}…`} />}
        {/* By the action, whichever it was (the list's Open, Apply, Duplicate… included), with focus on it. */}
        <div ref={outcomeAt}>
          <OutcomeNotice outcome={s.outcome} />
        </div>
      </Card>

      {s.listError && <ReadProblem title="The saved scenarios cannot be read">{s.listError}</ReadProblem>}
      {s.dataProblems.length > 0 && (
        <Notice intent="warning" title="Scenarios that need these tables cannot be compared or applied until they are fixed">
          <ul>
            {s.dataProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}

      <Sections open={["saved", "compared"]}>
        {s.scenarios && s.scenarios.length > 0 && (
          <Section value="saved" title="Saved in this workbook" summary={`${s.scenarios.length} saved; tick two or three to compare them side by side (at most ${MAX_COMPARED})`}>
            <ul className={styles.list} aria-label="Saved scenarios">
              {s.scenarios.map((sc) => {
                const ticked = s.compared.includes(sc.id);
                return (
                  <li key={sc.id} className={styles.item}>
                    <Checkbox
                      checked={ticked}
                      disabled={!ticked && s.compared.length >= MAX_COMPARED}
                      onChange={(_e, data) => s.toggleCompared(sc.id, data.checked === true)}
                      label={
                        <>
                          Compare <strong>{sc.name}</strong>
                        </>
                      }
                    />
                    {s.activeScenario?.id === sc.id && <Badge appearance="tint">In the panels</Badge>}
                    <Text block size={200} className={base.muted}>
                      Saved {savedOn(sc.savedAt)} · {describeScenario(sc, s.rulebook)}
                    </Text>
                    <div className={styles.actions}>
                      <Button size="small" onClick={() => s.open(sc)} aria-label={`Open ${sc.name} in the panels`}>
                        Open
                      </Button>
                      <Button size="small" onClick={() => void s.prepareApply(sc)} disabled={!!s.busy} aria-label={`Apply ${sc.name} to the workbook`}>
                        Apply…
                      </Button>
                      <Menu>
                        <MenuTrigger disableButtonEnhancement>
                          <Button size="small" aria-label={`More actions for ${sc.name}`}>
                            More…
                          </Button>
                        </MenuTrigger>
                        <MenuPopover>
                          <MenuList>
                            <MenuItem onClick={() => setAsking({ kind: "duplicate", scenario: sc })}>Duplicate…</MenuItem>
                            <MenuItem onClick={() => setAsking({ kind: "rename", scenario: sc })}>Rename…</MenuItem>
                            <MenuItem onClick={() => setAsking({ kind: "delete", scenario: sc })}>Delete…</MenuItem>
                          </MenuList>
                        </MenuPopover>
                      </Menu>
                    </div>
                  </li>
                );
              })}
            </ul>
          </Section>
        )}
        {s.comparison && s.comparison.length >= 2 && (
          <Section value="compared" title="Side by side" summary={`${s.comparison.length} scenarios, each figure against "${s.comparison[0]!.scenario.name}"`}>
            <Comparison rulebook={s.rulebook} compared={s.comparison} />
          </Section>
        )}
        <Section value="about" title="What a scenario holds">
          <Text size={200}>
            A scenario is a named set of the panels' inputs: forecast changes, the allocation fund and formula, assumption values, and capital weights,
            envelope and locks. Scenarios are saved in this workbook, so they travel with the file and nothing leaves it.
          </Text>
        </Section>
      </Sections>

      {asking?.kind === "duplicate" && (
        <NameDialog
          title={`Duplicate "${asking.scenario.name}"`}
          action="Duplicate"
          initial={`${asking.scenario.name} (copy)`}
          onCancel={() => setAsking(undefined)}
          onSubmit={(n) => nameTaken(s.duplicate(asking.scenario, n))}
        />
      )}
      {asking?.kind === "rename" && (
        <NameDialog
          title={`Rename "${asking.scenario.name}"`}
          action="Rename"
          initial={asking.scenario.name}
          onCancel={() => setAsking(undefined)}
          onSubmit={(n) => nameTaken(s.rename(asking.scenario, n))}
        />
      )}
      {asking?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete "${asking.scenario.name}"?`}
          action="Delete"
          destructive
          onDone={(yes) => {
            setAsking(undefined);
            if (yes) void s.remove(asking.scenario);
          }}
        >
          <Text>The scenario is removed from this workbook. The inputs in the panels and the sheets stay as they are.</Text>
        </ConfirmDialog>
      )}
      {s.pending && <ApplyDialog pending={s.pending} onDone={(yes) => (yes ? void s.confirmApply() : s.cancelApply())} />}
    </section>
  );
}
