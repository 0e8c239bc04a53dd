/**
 * Dtype inference for one column from the text of its sampled values (nulls excluded): bool when
 * every value is a true/false word, int64 when every value is an integer within int64 (uint64 when
 * some only fit there), float64 when every value is a number, else utf8. Integers that fit neither
 * int64 nor uint64 (say 25-digit ids, or negative values beside ones above 2^63) stay utf8, as in
 * pandas, rather than lose digits as float64. A column of nulls only is
 * float64, as in pandas; a column with no rows at all is utf8. Columns listed in `parseDates` are
 * date32 when every value is `YYYY-MM-DD`, else a timestamp with the finest unit the fractions
 * need (ms, us or ns).
 *
 * @example
 * ```ts
 * const g = new DTypeGuess(false);
 * g.add(bytes, 0, 2); // "12"
 * g.add(bytes, 3, 6); // "1.5"
 * g.result(2);        // float64
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import { hashBytes, isAsciiSpace, isNanLiteral, parseDateBytes, parseFloatBytes, parseInt64Bytes, parseTimestampBytes, parseUint64Bytes } from "@dusk/kernels";
import { parseBoolBytes } from "./columns/bool-builder.js";

const WORDS = new Int32Array(2);
const DISTINCT_CAP = 1 << 16;
const UNITS = ["ms", "us", "ns"] as const;

/** True when the text is `[+-]?digits` between ASCII spaces (an integer of any size). */
function isIntegerText(b: Uint8Array, s: number, e: number): boolean {
  while (s < e && isAsciiSpace(b[s])) s++;
  while (e > s && isAsciiSpace(b[e - 1])) e--;
  if (s < e && (b[s] === 43 || b[s] === 45)) s++;
  if (s === e) return false;
  for (; s < e; s++) if (b[s] < 48 || b[s] > 57) return false;
  return true;
}

export class DTypeGuess {
  private values = 0;
  private bool = true;
  private int64 = true;
  private uint64 = true;
  private float = true;
  /** Every value is an integer, whatever its size. */
  private integers = true;
  private date = true;
  /** Index in UNITS of the finest unit needed so far. */
  private unit = 0;

  /** Hashes of the distinct values seen (up to {@link DISTINCT_CAP}), to tell high-cardinality text. */
  private readonly distinct = new Set<number>();

  constructor(private readonly dates: boolean) {}

  /**
   * Whether a utf8 column looks mostly distinct in the sample (more distinct values than half of
   * at least 1,000 values): blocks then start it in the plain layout instead of building a
   * dictionary they would give up on.
   */
  mostlyDistinct(): boolean {
    return this.values >= 1000 && this.distinct.size * 2 > this.values;
  }

  /**
   * Takes one non-null value into account. For a date column returns false when the value is
   * neither a date nor a timestamp (the caller reports it); true otherwise.
   */
  add(b: Uint8Array, s: number, e: number): boolean {
    this.values++;
    if (this.distinct.size < DISTINCT_CAP) this.distinct.add(hashBytes(b, s, e));
    if (this.dates) {
      if (this.date && Number.isNaN(parseDateBytes(b, s, e))) this.date = false;
      if (!this.date) {
        let u = this.unit;
        while (u < UNITS.length && !parseTimestampBytes(b, s, e, UNITS[u], WORDS, 0)) u++;
        if (u === UNITS.length) return false;
        this.unit = u;
      }
      return true;
    }
    if (this.bool && parseBoolBytes(b, s, e, false) < 0) this.bool = false;
    if (this.int64 && !parseInt64Bytes(b, s, e, WORDS, 0)) this.int64 = false;
    if (this.uint64 && !parseUint64Bytes(b, s, e, WORDS, 0)) this.uint64 = false;
    if (this.float && Number.isNaN(parseFloatBytes(b, s, e)) && !isNanLiteral(b, s, e)) this.float = false;
    if (this.integers && !isIntegerText(b, s, e)) this.integers = false;
    return true;
  }

  /** The dtype, given how many rows the sample had. */
  result(rows: number): DType {
    if (this.dates) {
      if (this.values > 0 && this.date) return dtypes.date32;
      return dtypes.timestamp(UNITS[this.unit], null);
    }
    if (this.values === 0) return rows === 0 ? dtypes.utf8 : dtypes.float64;
    if (this.bool) return dtypes.bool;
    if (this.int64) return dtypes.int64;
    if (this.uint64) return dtypes.uint64;
    if (this.float && !this.integers) return dtypes.float64;
    return dtypes.utf8;
  }
}
