// Owns the fake's errors: Excel's error codes with the messages Microsoft documents for them.
// Codes and messages: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling

/** The messages Excel sends with each code (the "Error codes and messages" tables of the page above). */
export const ERROR_MESSAGES = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RequestPayloadSizeLimitExceeded:
    "The request payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  ResponsePayloadSizeLimitExceeded:
    "The response payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  PropertyNotLoaded: "The property is not available.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Messages Excel gives for particular failures, where the generic message would hide what went wrong. */
export const SPECIFIC_MESSAGES = {
  dimensions: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  tableOverlap: "A table can't overlap a range that contains a PivotTable report, query results, protected cells or another table.",
  shiftTable: "This operation isn't allowed. The operation is attempting to shift cells in a table on your worksheet.",
  sheetName:
    "The name you typed is invalid: it is empty, longer than 31 characters, contains any of : \\ / ? * [ ], or starts or ends with an apostrophe.",
  lastSheet: "A workbook must contain at least one visible worksheet.",
} as const;

/**
 * Thrown by the model when an operation fails; the batch engine turns it into an OfficeExtension.Error.
 * (The model never sees proxies, so it cannot build the public error itself.)
 */
export class ExcelApiError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code as ErrorCode] ?? code);
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new ExcelApiError(code, message);
}

/**
 * The fake OfficeExtension.Error: what `context.sync()` rejects with and what unloaded properties throw.
 * Office.js names it "RichApi.Error" and puts the code, message and location in `debugInfo`.
 */
export class FakeOfficeExtensionError extends Error {
  readonly code: string;
  readonly traceMessages: string[] = [];
  readonly debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  readonly innerError: FakeOfficeExtensionError | null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation, statement: errorLocation } : {}) };
  }
}

export function propertyNotLoaded(property: string): FakeOfficeExtensionError {
  return new FakeOfficeExtensionError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}
