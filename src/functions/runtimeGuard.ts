// Outside Excel (the browser preview) there is no CustomFunctions runtime; registration then does nothing.
declare const globalThis: { CustomFunctions?: unknown };

if (typeof globalThis.CustomFunctions === "undefined" || typeof (globalThis.CustomFunctions as { associate?: unknown }).associate !== "function") {
  globalThis.CustomFunctions = {
    ...(globalThis.CustomFunctions as object | undefined),
    associate: () => undefined,
  };
}
export {};
