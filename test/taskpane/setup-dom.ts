// What jsdom lacks and Fluent UI needs (ResizeObserver for overflow-aware components such as TabList).
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.assign(window, { ResizeObserver: NoopResizeObserver });
}
