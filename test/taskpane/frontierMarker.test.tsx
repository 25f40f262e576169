// @vitest-environment jsdom
// The efficient frontier's marker: on the point drawn at the envelope now whose score is the chosen portfolio's, or not at all.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { chosenOnFrontier, FrontierChart, frontierXY } from "../../src/taskpane/capital/CapitalCharts";
import type { FrontierPoint } from "../../src/rules/capital";

afterEach(cleanup);

const M = 100_000_000; // £1m in pence
// A frontier with a plateau (the same best score at £15m and £20m) and a gap (no portfolio at £5m).
const points: FrontierPoint[] = [
  { envelope: 5 * M, totalScore: null, proven: true },
  { envelope: 10 * M, totalScore: 416, proven: true },
  { envelope: 15 * M, totalScore: 550.04, proven: true },
  { envelope: 20 * M, totalScore: 550.04, proven: true },
  { envelope: 25 * M, totalScore: 717.25, proven: true },
];

const TOTAL_SCORE = { name: "Total score", maximisesScore: true };

describe("the frontier's marker", () => {
  it("is the point at the envelope now, not another with the same score", () => {
    expect(chosenOnFrontier(points, { envelope: 20 * M, totalScore: 550.04 })).toBe(points[3]);
    expect(chosenOnFrontier(points, { envelope: 15 * M, totalScore: 550.04 })).toBe(points[2]);
    // Drawn on the line's own coordinates, so it sits on the vertex.
    expect(frontierXY(chosenOnFrontier(points, { envelope: 25 * M, totalScore: 717.25 })!)).toEqual({ x: 25, y: 717.3 });
  });

  it("is on no point when the frontier was drawn for other inputs or the envelope has no portfolio there", () => {
    // Same envelope, another score: the weights or locks changed since.
    expect(chosenOnFrontier(points, { envelope: 20 * M, totalScore: 600 })).toBeUndefined();
    // A score on the frontier, at an envelope it was not drawn at.
    expect(chosenOnFrontier(points, { envelope: 22 * M, totalScore: 550.04 })).toBeUndefined();
    expect(chosenOnFrontier(points, { envelope: 5 * M, totalScore: 0 })).toBeUndefined();
  });

  it("says in words where the chosen portfolio is, and when it is not on the frontier", () => {
    const { rerender } = render(
      <FluentProvider theme={webLightTheme}>
        <FrontierChart points={points} chosen={{ envelope: 20 * M, totalScore: 550.04 }} objective={TOTAL_SCORE} />
      </FluentProvider>,
    );
    const figure = screen.getByRole("figure", { name: "Efficient frontier: best total score by envelope" });
    expect(figure.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(figure.getAttribute("aria-describedby")!)!.textContent).toMatch(/^The chosen portfolio: envelope £20\.0m, total score 550\.0, marked on the line\./);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <FrontierChart points={points} chosen={{ envelope: 20 * M, totalScore: 600 }} objective={TOTAL_SCORE} />
      </FluentProvider>,
    );
    expect(screen.getByRole("figure").textContent).toContain("not on this frontier: it was drawn for other inputs, so draw it again.");
  });

  it("calls it the best score only under the total-score objective; under another, whose portfolio it is and why it can fall", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <FrontierChart points={points} chosen={{ envelope: 20 * M, totalScore: 550.04 }} objective={{ name: "Score-weighted spend", maximisesScore: false }} />
      </FluentProvider>,
    );
    const figure = screen.getByRole("figure", { name: "Total score by envelope of the portfolio for score-weighted spend" });
    expect(figure.textContent).toContain("Score-weighted spend does not maximise total score, so the score can fall as the envelope grows.");
    expect(figure.textContent).not.toContain("Best total score");
  });
});
