/**
 * Logical data types shared by every Dusk package.
 *
 * A dtype says what values a column holds, not how they are laid out: a `utf8` column may be stored
 * plainly or dictionary-encoded, and the kernels pick the loop from the layout.
 *
 * @example
 * ```ts
 * import { dtypes, parseDType, formatDType } from "@dusk/core";
 * formatDType(parseDType("timestamp[ms, UTC]")); // "timestamp[ms, UTC]"
 * dtypes.int64.kind; // "int64"
 * ```
 */
import { DuskError } from "./errors.js";

export type TimeUnit = "s" | "ms" | "us" | "ns";
export type SignedIntKind = "int8" | "int16" | "int32" | "int64";
export type UnsignedIntKind = "uint8" | "uint16" | "uint32" | "uint64";
export type IntKind = SignedIntKind | UnsignedIntKind;
export type FloatKind = "float32" | "float64";

export interface BoolType { readonly kind: "bool" }
export interface IntType<K extends IntKind = IntKind> { readonly kind: K }
export interface FloatType<K extends FloatKind = FloatKind> { readonly kind: K }
export interface Utf8Type { readonly kind: "utf8" }
/** Days since 1970-01-01, stored as int32. */
export interface Date32Type { readonly kind: "date32" }
/** Time since the epoch in `unit`, stored as int64; `tz` is an IANA zone name or null (naive). */
export interface TimestampType { readonly kind: "timestamp"; readonly unit: TimeUnit; readonly tz: string | null }

export type DType = BoolType | IntType | FloatType | Utf8Type | Date32Type | TimestampType;
export type DTypeKind = DType["kind"];

/** The names accepted wherever a dtype is expected, besides a DType object. */
export type DTypeName =
  | "bool" | IntKind | FloatKind | "utf8" | "string" | "date32" | "date"
  | `timestamp[${TimeUnit}]` | `timestamp[${TimeUnit}, ${string}]` | "timestamp";
export type DTypeLike = DType | DTypeName;

const freeze = <T extends DType>(t: T): T => Object.freeze(t);

/** Canonical dtype instances. */
export const dtypes = Object.freeze({
  bool: freeze<BoolType>({ kind: "bool" }),
  int8: freeze<IntType<"int8">>({ kind: "int8" }),
  int16: freeze<IntType<"int16">>({ kind: "int16" }),
  int32: freeze<IntType<"int32">>({ kind: "int32" }),
  int64: freeze<IntType<"int64">>({ kind: "int64" }),
  uint8: freeze<IntType<"uint8">>({ kind: "uint8" }),
  uint16: freeze<IntType<"uint16">>({ kind: "uint16" }),
  uint32: freeze<IntType<"uint32">>({ kind: "uint32" }),
  uint64: freeze<IntType<"uint64">>({ kind: "uint64" }),
  float32: freeze<FloatType<"float32">>({ kind: "float32" }),
  float64: freeze<FloatType<"float64">>({ kind: "float64" }),
  utf8: freeze<Utf8Type>({ kind: "utf8" }),
  date32: freeze<Date32Type>({ kind: "date32" }),
  timestamp: (unit: TimeUnit = "ms", tz: string | null = null): TimestampType =>
    freeze<TimestampType>({ kind: "timestamp", unit, tz }),
});

const SIGNED: readonly string[] = ["int8", "int16", "int32", "int64"];
const UNSIGNED: readonly string[] = ["uint8", "uint16", "uint32", "uint64"];

export const isSignedInt = (t: DType): t is IntType<SignedIntKind> => SIGNED.includes(t.kind);
export const isUnsignedInt = (t: DType): t is IntType<UnsignedIntKind> => UNSIGNED.includes(t.kind);
export const isInteger = (t: DType): t is IntType => isSignedInt(t) || isUnsignedInt(t);
export const isFloat = (t: DType): t is FloatType => t.kind === "float32" || t.kind === "float64";
export const isNumeric = (t: DType): t is IntType | FloatType => isInteger(t) || isFloat(t);
export const isTemporal = (t: DType): t is Date32Type | TimestampType => t.kind === "date32" || t.kind === "timestamp";
/** True for the integer kinds stored in 64 bits (int64, uint64) and for timestamps. */
export const isWide = (t: DType): boolean => t.kind === "int64" || t.kind === "uint64" || t.kind === "timestamp";

/** Bits per value for fixed-width dtypes; 0 for utf8; 1 for bool (logically). */
export function bitWidth(t: DType): number {
  switch (t.kind) {
    case "bool": return 1;
    case "int8": case "uint8": return 8;
    case "int16": case "uint16": return 16;
    case "int32": case "uint32": case "float32": case "date32": return 32;
    case "int64": case "uint64": case "float64": case "timestamp": return 64;
    case "utf8": return 0;
    default: return assertNever(t);
  }
}

/** Inclusive range of an integer dtype, as bigints. */
export function intRange(kind: IntKind): readonly [bigint, bigint] {
  switch (kind) {
    case "int8": return [-128n, 127n];
    case "int16": return [-32768n, 32767n];
    case "int32": return [-2147483648n, 2147483647n];
    case "int64": return [-9223372036854775808n, 9223372036854775807n];
    case "uint8": return [0n, 255n];
    case "uint16": return [0n, 65535n];
    case "uint32": return [0n, 4294967295n];
    case "uint64": return [0n, 18446744073709551615n];
    default: return assertNever(kind);
  }
}

export function dtypeEquals(a: DType, b: DType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "timestamp" && b.kind === "timestamp") return a.unit === b.unit && a.tz === b.tz;
  return true;
}

/** Text form of a dtype, the inverse of {@link parseDType}: `int64`, `utf8`, `timestamp[ms, UTC]`. */
export function formatDType(t: DType): DTypeName {
  if (t.kind === "timestamp") return t.tz === null ? `timestamp[${t.unit}]` : `timestamp[${t.unit}, ${t.tz}]`;
  return t.kind;
}

const NAMES: Readonly<Record<string, DType>> = {
  bool: dtypes.bool, boolean: dtypes.bool,
  int8: dtypes.int8, int16: dtypes.int16, int32: dtypes.int32, int64: dtypes.int64,
  uint8: dtypes.uint8, uint16: dtypes.uint16, uint32: dtypes.uint32, uint64: dtypes.uint64,
  float32: dtypes.float32, float64: dtypes.float64,
  utf8: dtypes.utf8, string: dtypes.utf8, str: dtypes.utf8,
  date32: dtypes.date32, date: dtypes.date32,
};

/**
 * Reads a dtype from its name (`"int32"`, `"string"`, `"timestamp[us, Europe/Paris]"`) or passes a
 * DType object through.
 */
export function parseDType(like: DTypeLike | string, where = "dtype"): DType {
  if (typeof like === "object") return like;
  const s = like.trim();
  const direct = NAMES[s.toLowerCase()];
  if (direct) return direct;
  if (s === "timestamp") return dtypes.timestamp("ms", null);
  const m = /^timestamp\[\s*(s|ms|us|ns)\s*(?:,\s*([^\]]+?)\s*)?\]$/.exec(s);
  if (m) return dtypes.timestamp(m[1] as TimeUnit, m[2] ?? null);
  throw new DuskError("INVALID_DTYPE",
    `${where}: unknown dtype "${like}"; use one of bool, int8..int64, uint8..uint64, float32, float64, utf8, date32, timestamp[ms] or timestamp[us, UTC]`);
}

/** Exhaustiveness guard for switches over discriminated unions. */
export function assertNever(x: never): never {
  throw new DuskError("INTERNAL", `unhandled case ${JSON.stringify(x)}`);
}
