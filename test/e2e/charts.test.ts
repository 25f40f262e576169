// Every chart in the pane at 350 and 420 px: no two labels in a chart overlap or run outside it, no legend hides entries behind "+n more".
import { describe, expect, it } from "vitest";
import path from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, browserSuite, openTab, openPane } from "./harness";

const artifacts = ARTIFACTS;
const suite = browserSuite();

interface Found {
  chart: string;
  problems: string[];
}

/**
 * Each chart's SVG on the page (the pane's figures and the Board pack's pages): its visible <text> labels that overlap
 * one another or run outside the SVG, and a legend's "+n more".
 */
async function chartProblems(page: Page): Promise<Found[]> {
  return page.evaluate(() => {
    const doc = globalThis.document;
    const charts = [...doc.querySelectorAll("figure"), ...doc.querySelectorAll(".ics-board-pages .ics-board-chart")];
    return charts.map((chart) => {
      const name = chart.querySelector("h3")?.textContent ?? chart.getAttribute("aria-label") ?? "a chart";
      const problems: string[] = [];
      if (/\+\s*\d+\s*more/i.test((chart as HTMLElement).innerText)) problems.push(`legend overflows: ${(chart as HTMLElement).innerText.match(/\+\s*\d+\s*more/i)![0]}`);
      for (const svg of chart.querySelectorAll("svg")) {
        const frame = svg.getBoundingClientRect();
        if (frame.width < 50 || frame.height < 50) continue; // icons
        const labels = [...svg.querySelectorAll("text")]
          .filter((t) => {
            const style = globalThis.getComputedStyle(t);
            return (t.textContent ?? "").trim() !== "" && style.display !== "none" && style.visibility !== "hidden" && Number(style.opacity) > 0;
          })
          .map((t) => ({ text: (t.textContent ?? "").trim(), box: t.getBoundingClientRect() }))
          .filter((l) => l.box.width > 0 && l.box.height > 0);
        // A pixel's give: glyph boxes of neighbouring lines of one wrapped label touch.
        const slack = 1;
        for (const l of labels) {
          if (l.box.left < frame.left - slack || l.box.right > frame.right + slack || l.box.top < frame.top - slack || l.box.bottom > frame.bottom + slack)
            problems.push(`"${l.text}" runs outside the chart`);
        }
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i]!.box;
            const b = labels[j]!.box;
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > slack && down > slack) problems.push(`"${labels[i]!.text}" overlaps "${labels[j]!.text}"`);
          }
      }
      return { chart: name, problems };
    });
  });
}

/** Opens a collapsed section by its header button, unless it is open already. */
async function expand(page: Page, name: RegExp) {
  const header = page.getByRole("button", { name }).first();
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
}

/** Each panel with its charts drawn: the steps to get there, and how many charts to expect at least. */
const PANELS: { tab: string; charts: number; open?: (page: Page) => Promise<void>; show: (page: Page) => Promise<void> }[] = [
  {
    tab: "Control total",
    charts: 3,
    show: async (page) => {
      await page.getByRole("figure", { name: "Forecast variance by organisation" }).waitFor();
      await expand(page, /^Control total statement/);
      await page.getByRole("figure", { name: /^System: year-to-date/ }).waitFor({ timeout: 20_000 });
      await page.getByRole("combobox", { name: "Organisation for the trend" }).selectOption({ index: 1 });
      await page.getByRole("figure").nth(3).waitFor();
    },
  },
  {
    tab: "Allocation",
    charts: 1,
    show: async (page) => {
      await page.getByRole("figure", { name: "Target and allocation by Place" }).waitFor({ timeout: 20_000 });
    },
  },
  {
    tab: "Capital",
    charts: 2,
    show: async (page) => {
      await page.getByTestId("capital-summary").waitFor({ timeout: 30_000 });
      await expand(page, /^Sensitivity to the weights/);
      await page.getByRole("button", { name: "Run 500 draws" }).click();
      // 500 solves off the thread: a busy two-core machine can take minutes.
      await page.getByTestId("sensitivity-summary").waitFor({ timeout: 240_000 });
      await expand(page, /^Efficient frontier/);
      await page.getByRole("button", { name: "Draw the frontier" }).click();
      const frontier = page.getByRole("figure", { name: /^(Efficient frontier: best total score|Total score) by envelope/ });
      await frontier.waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1_000);
      // The chosen portfolio's marker sits on a vertex of the frontier's line (the point at the envelope now).
      const onVertex = await frontier.evaluate((f) => {
        const marker = f.querySelector("circle[aria-label^='The chosen portfolio']");
        if (!marker) return "no marker";
        const [cx, cy] = [Number(marker.getAttribute("cx")), Number(marker.getAttribute("cy"))];
        const vertices = [...f.querySelectorAll("line")].map((l) => [Number(l.getAttribute("x2")), Number(l.getAttribute("y2"))]);
        return vertices.some(([x, y]) => Math.abs(x! - cx) < 0.5 && Math.abs(y! - cy) < 0.5) ? "on a vertex" : `off the line at ${cx},${cy}`;
      });
      expect(onVertex).toBe("on a vertex");
    },
  },
  {
    tab: "Scenarios",
    charts: 2,
    show: async (page) => {
      for (const name of ["Plan as submitted", "Winter pressures"]) {
        await page.getByRole("textbox", { name: "New scenario name" }).fill(name);
        await page.getByRole("button", { name: "Save as new scenario" }).click();
        await page.getByRole("checkbox", { name: `Compare ${name}` }).waitFor();
      }
      await page.getByRole("checkbox", { name: "Compare Plan as submitted" }).check();
      await page.getByRole("checkbox", { name: "Compare Winter pressures" }).check();
      await page.getByRole("figure", { name: /^System position and capital/ }).waitFor({ timeout: 60_000 });
    },
  },
  {
    tab: "Board pack",
    charts: 4,
    open: async (page) => {
      await openTab(page, "Home");
      await page.getByRole("button", { name: "Board pack", exact: true }).click();
    },
    show: async (page) => {
      await page.locator(".ics-board-chart svg").nth(3).waitFor({ timeout: 60_000 });
    },
  },
];

describe("the pane's charts in a narrow task pane", () => {
  it.each([350, 420])("at %i px no chart's labels overlap or run outside it, and every legend is whole", { timeout: 600_000 }, async (width) => {
    const { page, errors } = await openPane(suite, width);
    try {
      const found: string[] = [];
      for (const panel of PANELS) {
        await (panel.open ? panel.open(page) : openTab(page, panel.tab));
        await panel.show(page);
        // The charts animate in and measure their container: let them settle.
        await page.waitForTimeout(1_500);
        // The Board pack's print copy (hidden on screen) is left out.
        const charts = page.locator("figure, .ics-board-pages .ics-board-chart");
        const count = await charts.count();
        expect(count, `${panel.tab}: charts drawn`).toBeGreaterThanOrEqual(panel.charts);
        for (let i = 0; i < count; i++)
          await charts.nth(i).screenshot({ path: path.join(artifacts, `chart-${width}-${panel.tab.toLowerCase().replace(/\W+/g, "-")}-${i}.png`), animations: "disabled" });
        for (const c of await chartProblems(page)) for (const p of c.problems) found.push(`${panel.tab}, ${c.chart}: ${p}`);
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
