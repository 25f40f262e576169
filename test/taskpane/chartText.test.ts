// The charts' words: the variance chart's summary sentence, and a Board pack chart's long names shortened in the middle.
import { describe, expect, it } from "vitest";
import { Money } from "../../src/rules/money";
import { varianceSummary } from "../../src/taskpane/controlTotal/VarianceChart";
import { short } from "../../src/taskpane/boardPack/SummaryChart";

describe("the charts' words", () => {
  it("sums the variance chart up: each RAG status counted and the most adverse named", () => {
    const bars = [
      { label: "MSEFT", value: new Money("-6500000"), rag: "red" as const },
      { label: "ICB-ME", value: new Money("1500000"), rag: "green" as const },
      { label: "ICB-STH", value: new Money("-2600000"), rag: "amber" as const },
    ];
    expect(varianceSummary(bars)).toMatch(/^1 red, 1 amber, 1 green; the most adverse is MSEFT at -£6\.50m\. Negative is adverse; the table gives each figure\.$/);
    expect(varianceSummary([])).toBe("");
  });

  it("keeps the end of a long name, which tells names with one start apart", () => {
    expect(short("NHS Mid and South Essex ICB: Thurrock Place", 30)).toBe("NHS Mid and…CB: Thurrock Place");
    expect(short("Thurrock", 30)).toBe("Thurrock");
    expect(short("NHS Mid and South Essex ICB: Thurrock Place", 30).length).toBeLessThanOrEqual(30);
  });
});
