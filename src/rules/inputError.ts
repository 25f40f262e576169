// What every input error of the rules shares: the person at the sheet or the pane can act on it (a #VALUE! with the
// reason in a cell), unlike a bug. One base class, so the functions recognise any of them without importing them all.

export class RulesInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesInputError";
  }
}
