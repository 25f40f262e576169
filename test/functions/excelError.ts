// The shared check for a spilling function's failure: one cell holding #VALUE! with a message.
import { expect } from "vitest";

export function expectSpilledError(value: unknown, message: RegExp): void {
  const cell = (value as unknown[][])[0]![0];
  expect(value).toHaveLength(1);
  expect(cell).toBeInstanceOf(CustomFunctions.Error);
  expect((cell as CustomFunctions.Error).code).toBe("#VALUE!");
  expect((cell as CustomFunctions.Error).message).toMatch(message);
}
