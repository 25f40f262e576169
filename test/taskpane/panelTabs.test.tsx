// @vitest-environment jsdom
// The pane's tabs at a narrow width: those that do not fit go into "More", the open panel's tab is always in the row,
// and a panel chosen from the menu opens with focus on its tab. Widths are given here (jsdom lays nothing out).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { PanelTabs, type PanelTab } from "../../src/taskpane/PanelTabs";

type Id = "home" | "decisions" | "control-total" | "allocation" | "capital";
const TABS: PanelTab<Id>[] = [
  { id: "home", label: "Home" },
  { id: "decisions", label: "Decisions" },
  { id: "control-total", label: "Control total" },
  { id: "allocation", label: "Allocation" },
  { id: "capital", label: "Capital" },
];

// A row 320 px wide, each tab 100 px, "More" 60 px: two tabs and More fit (three tabs would leave More no room).
const jsdoms = { clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth"), offsetWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetWidth") };
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: function (this: HTMLElement) { return this.classList.contains("fui-Overflow") ? 320 : 0; } });
  Object.defineProperty(HTMLElement.prototype, "offsetWidth", {
    configurable: true,
    get: function (this: HTMLElement) {
      return this.getAttribute("role") === "tab" ? 100 : this.hasAttribute("data-overflow-menu") || this.getAttribute("aria-label")?.startsWith("More panels") ? 60 : 0;
    },
  });
});
afterAll(() => {
  // Back to jsdom's own: on HTMLElement's prototype where it had one, else further up (clientWidth is Element's).
  for (const [key, own] of Object.entries(jsdoms)) {
    if (own) Object.defineProperty(HTMLElement.prototype, key, own);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
  }
});
afterEach(cleanup);

function Pane({ chosen }: { chosen: Id[] }) {
  const [selected, setSelected] = useState<Id>("home");
  return (
    <FluentProvider theme={webLightTheme}>
      <PanelTabs
        tabs={TABS}
        selected={selected}
        select={(id) => {
          chosen.push(id);
          setSelected(id);
        }}
      />
    </FluentProvider>
  );
}

/** The tabs in the row, by name (a hidden one carries Fluent's data-overflowing). */
const inRow = () =>
  screen
    .getAllByRole("tab", { hidden: true })
    .filter((t) => !t.hasAttribute("data-overflowing"))
    .map((t) => t.querySelector(".fui-Tab__content")!.textContent);

describe("the pane's tabs in a narrow pane", () => {
  it("keeps the first that fit in the row and the rest in More, and opens one from the menu with focus on its tab, now in the row", async () => {
    const chosen: Id[] = [];
    render(<Pane chosen={chosen} />);
    // The menu loads on its own once a tab does not fit; with its button in the row, two tabs fit.
    const more = await screen.findByRole("button", { name: "More panels (3)" }, { timeout: 15_000 });
    await waitFor(() => expect(inRow()).toEqual(["Home", "Decisions"]));
    fireEvent.click(more);
    const items = await screen.findAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual(["Control total", "Allocation", "Capital"]);
    fireEvent.click(screen.getByRole("menuitem", { name: "Capital" }));
    expect(chosen).toEqual(["capital"]);
    // Pinned while open: Capital is in the row (Decisions gives way), and has the focus.
    await waitFor(() => expect(inRow()).toEqual(["Home", "Capital"]));
    expect(screen.getByRole("tab", { name: "Capital", selected: true })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Capital" })));
  });

  it("chooses a tab in the row as a tab list does, with nothing moved into the menu", async () => {
    const chosen: Id[] = [];
    render(<Pane chosen={chosen} />);
    await screen.findByRole("button", { name: "More panels (3)" }, { timeout: 15_000 });
    fireEvent.click(screen.getByRole("tab", { name: "Decisions" }));
    expect(chosen).toEqual(["decisions"]);
    expect(inRow()).toEqual(["Home", "Decisions"]);
    expect(screen.getByRole("button", { name: "More panels (3)" })).toBeTruthy();
  });
});
