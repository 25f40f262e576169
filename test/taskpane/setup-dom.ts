// What jsdom lacks and Fluent UI needs (ResizeObserver for overflow-aware components such as TabList).
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.assign(window, { ResizeObserver: NoopResizeObserver });
}

// jsdom does no layout, and Fluent's charts measure their axis labels: give text a nominal width so they render.
if (typeof window !== "undefined") {
  const nominalWidth = (text: string | null) => (text ?? "").length * 6;
  const svg = window.SVGElement.prototype as unknown as Record<string, unknown>;
  svg.getComputedTextLength ??= function (this: SVGElement) {
    return nominalWidth(this.textContent);
  };
  svg.getBBox ??= function (this: SVGElement) {
    return { x: 0, y: 0, width: nominalWidth(this.textContent), height: 12 };
  };
  window.HTMLCanvasElement.prototype.getContext = function () {
    return { font: "", measureText: (text: string) => ({ width: nominalWidth(text) }) } as unknown as CanvasRenderingContext2D;
  } as unknown as typeof window.HTMLCanvasElement.prototype.getContext;
}

// Panels lazy-load their code, read the workbook and solve asynchronously: on a busy two-core machine the first figures
// can take seconds. Every findBy…/waitFor waits this long for what it asserts (it returns as soon as it is there).
if (typeof window !== "undefined") {
  // Imported only where there is a DOM: the rules and functions tests share this set-up file.
  const { configure } = await import("@testing-library/react");
  configure({ asyncUtilTimeout: 15_000 });
}

export {};
