/**
 * The Dusk error family. Every error Dusk raises is a DuskError with a stable `code`; its message
 * names what it concerns (file, line, column, partition or task) and what to do about it.
 *
 * @example
 * ```ts
 * try { df.filter(dd.col("v9").gt(1)); }
 * catch (e) { if (e instanceof DuskError && e.code === "COLUMN_NOT_FOUND") console.log(e.message); }
 * ```
 */
export type ErrorCode =
  | "COLUMN_NOT_FOUND"
  | "DUPLICATE_COLUMN"
  | "TYPE_MISMATCH"
  | "INVALID_DTYPE"
  | "INVALID_ARGUMENT"
  | "INVALID_EXPRESSION"
  | "INT_OVERFLOW"
  | "CAST_FAILED"
  | "RULE_CHANGED_SCHEMA"
  | "OPTIMIZER_CYCLE"
  | "TASK_FAILED"
  | "UNKNOWN_OP"
  | "GRAPH_INVALID"
  | "CANCELLED"
  | "WORKER_DIED"
  | "MEMORY_LIMIT"
  | "NOT_SHIPPABLE"
  | "NESTED_CLIENT"
  | "NOT_FOUND"
  | "ACCESS_DENIED"
  | "EMPTY_GLOB"
  | "IO_ERROR"
  | "CSV_PARSE_ERROR"
  | "CSV_BAD_LINE"
  | "JSON_PARSE_ERROR"
  | "SCHEMA_MISMATCH"
  | "NOT_SORTED"
  | "PARQUET_ERROR"
  | "UNSUPPORTED_TYPE"
  | "INTERNAL";

export class DuskError extends Error {
  readonly code: ErrorCode;
  /** Structured facts about the failure (column, task key, file, ...), for programs. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DuskError";
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** True when `e` is a DuskError, optionally with the given code. */
export function isDuskError(e: unknown, code?: ErrorCode): e is DuskError {
  return e instanceof DuskError && (code === undefined || e.code === code);
}
