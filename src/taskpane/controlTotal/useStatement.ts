// The statement's state: the Statement detail table and financial year (read live), the month's statement, the trend, and a file of figures being checked and loaded.
import { useCallback, useMemo, useState } from "react";
import type { PlanLedger } from "../../rules/controlTotal";
import { financialYearOf, indexDetails, periodLabel, statementOf, trendOf, type Statement } from "../../rules/statement";
import { checkMonthlyFigures, describeProblem, FileReadError, loadMonthlyFigures, PartlyLoadedError, readFigureFile, sourceOf, type CheckedFile, type Grid } from "../../workbook/monthlyFigures";
import { SAMPLE_SOURCE } from "../../workbook/sampleStatement";
import { readFinancialYear, readStatementDetail } from "../../workbook/statement";
import { useAddIn } from "../context";
import { useAction } from "../useAction";
import { useWorkbookData } from "../useWorkbookData";

/** A file picked on the pane: read, then checked (again whenever the month for a file without a Month column changes). */
type Picked = { file: string; grid: Grid } | { file: string; unreadable: string };

export function useStatement(ledger: PlanLedger | undefined, month: number | undefined, showMonth: (month: number) => void) {
  const { workbook, rulebook, workbookChanged } = useAddIn();
  const read = useWorkbookData(async (wb) => {
    const [detail, year] = await Promise.all([readStatementDetail(wb), readFinancialYear(wb)]);
    return { detail, year };
  }, []);
  const loaded = read.error ? undefined : read.data;
  // The workbook's year, or (until a file is loaded, which stores it) the one today falls in.
  const year = useMemo(() => loaded?.year ?? financialYearOf(new Date()), [loaded]);

  const details = useMemo(() => {
    if (!loaded) return undefined;
    try {
      return { ok: true as const, index: indexDetails(rulebook, loaded.detail?.details ?? []) };
    } catch (error) {
      return { ok: false as const, message: `The Statement detail table: ${(error as Error).message}` };
    }
  }, [loaded, rulebook]);

  const statement = useMemo((): { ok: true; statement: Statement } | { ok: false; message: string } | undefined => {
    if (!ledger || month === undefined || !details) return undefined;
    if (!details.ok) return details;
    try {
      return { ok: true, statement: statementOf(ledger, details.index, month) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }, [ledger, month, details]);

  const [trendOrganisation, setTrendOrganisation] = useState("");
  const trend = useMemo(() => (ledger ? { system: trendOf(ledger, null), organisation: trendOrganisation ? trendOf(ledger, trendOrganisation) : [] } : undefined), [ledger, trendOrganisation]);

  // The file being checked, and the month for one without a Month column.
  const [picked, setPicked] = useState<Picked>();
  const [fileMonth, setFileMonth] = useState<number>();
  const checked = useMemo((): CheckedFile | undefined => {
    if (!picked) return undefined;
    if ("unreadable" in picked) return { clean: [], problems: [{ row: null, column: null, message: picked.unreadable }], rows: 0, unclean: 0 };
    return checkMonthlyFigures(rulebook, picked.grid, { year, month: fileMonth });
  }, [picked, rulebook, year, fileMonth]);

  const { busy, outcome, setOutcome, run } = useAction(workbookChanged);

  const pickFile = useCallback(async (file: File) => {
    setOutcome(undefined);
    try {
      setPicked({ file: file.name, grid: await readFigureFile(file.name, await file.arrayBuffer()) });
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      setPicked({ file: file.name, unreadable: error.message });
    }
  }, [setOutcome]);

  /** Loads the clean rows (all of them, when the file is clean): nothing else in the workbook changes. */
  const load = async () => {
    if (!picked || !checked || checked.clean.length === 0) return;
    const figures = checked.clean;
    const done = await run(
      "Loading figures",
      async () => {
        const result = await loadMonthlyFigures(workbook, rulebook, figures, { year, source: sourceOf(picked.file, new Date()) }).catch((error: unknown) => {
          // A load that stopped part-way says what it did write; anything else stopped before writing.
          if (error instanceof PartlyLoadedError) throw error;
          throw new Error(`Nothing was loaded: ${(error as Error).message}`, { cause: error });
        });
        const months = result.months.map((m) => periodLabel(year, m)).join(", ");
        const left = checked.unclean > 0 ? ` ${checked.unclean} row${checked.unclean === 1 ? "" : "s"} with problems ${checked.unclean === 1 ? "was" : "were"} left out.` : "";
        return `Loaded ${figures.length} row${figures.length === 1 ? "" : "s"} from ${picked.file} for ${months}: ${result.organisations.length} organisation${result.organisations.length === 1 ? "" : "s"}, ${result.replaced} row${result.replaced === 1 ? "" : "s"} replaced, ${result.added} added.${left}`;
      },
      true,
    );
    if (done.ok) {
      setPicked(undefined);
      const latest = Math.max(...figures.map((f) => f.month));
      showMonth(latest);
    }
  };

  return {
    rulebook,
    settings: rulebook.controlTotal?.statement,
    year,
    yearStored: loaded?.year !== undefined,
    sample: loaded?.detail?.sources.some((s) => s === SAMPLE_SOURCE) ?? false,
    hasDetailTable: loaded ? loaded.detail !== undefined : undefined,
    loadError: read.error,
    statement,
    trend,
    trendOrganisation,
    setTrendOrganisation,
    picked: picked?.file,
    checked,
    problems: checked?.problems.map(describeProblem) ?? [],
    fileMonth,
    setFileMonth,
    pickFile,
    load,
    cancel: () => setPicked(undefined),
    busy,
    outcome,
  };
}

export type StatementState = ReturnType<typeof useStatement>;
