/**
 * Exact per-group integer sums without BigInt per row.
 *
 * Rows are added into two Float64Array accumulators per group: `a0` in units of 1 and `a32` in
 * units of 2^32, each fed values of magnitude at most 2^32 (a small integer, or one 32-bit word of an
 * int64). A double holds every integer up to 2^53 exactly, so 2^20 such additions per group are
 * always exact; before that bound is reached the accumulators are flushed into an exact per-group
 * total (H, L) with value H·2^32 + L, L in [0, 2^32), |H| < 2^53, which spills into a BigInt only in
 * the (astronomically rare) case that H itself would leave 2^53.
 *
 * The partial state of an integer sum is two columns: the sum's low 64 bits in the result dtype
 * (int64, or uint64 for unsigned inputs), which equal the sum whenever it fits, and an int64 carry:
 * how many 2^64 to add to get the true sum. Carries are 0 unless a group's (partial) sum left the
 * result range; finalize raises INT_OVERFLOW for a non-zero carry, so a sum that overflows in one
 * partition but comes back in range overall is still exact.
 *
 * @example
 * ```ts
 * const acc = intSumsOf(columnFromValues(dtypes.int64, [2n ** 62n, 2n ** 62n]), groupIds([], { length: 2 }));
 * const [low, carry] = acc.toState(false); // low = [-(2n ** 63n)] (wrapped), carry = [1n]: the sum is 2^63
 * ```
 */
import { dtypes } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { writeInt64FromNumber } from "../build.js";
import type { Grouping } from "../group-ids.js";
import { widenNarrow } from "./widen.js";

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const TWO52 = 4503599627370496;
/** Rows between flushes when every row adds at most 2^32 to a group: 2^20 · 2^32 = 2^52 < 2^53. */
const WORD_FLUSH_ROWS = 1 << 20;

/** Results of {@link IntSumAccumulator.settle}: module-level so that settling allocates nothing. */
let settledHi = 0;
let settledLo = 0;

/**
 * Per-group exact integer sums, fed through {@link IntSumAccumulator.a0} (and `a32` for 64-bit
 * inputs). Memory is 8 bytes per group, plus 8 for `a32`, plus 16 once a flush was needed.
 */
export class IntSumAccumulator {
  /** Pending additions in units of 1; each row adds at most 2^32 in magnitude. */
  readonly a0: Float64Array;
  /** Pending additions in units of 2^32 (64-bit inputs only); each row adds at most 2^32 in magnitude. */
  readonly a32: Float64Array | null;
  /** Exact totals H (units of 2^32) and L (in [0, 2^32)), allocated by the first flush. */
  private hi: Float64Array | null = null;
  private lo: Float64Array | null = null;
  /** Rare exact overflow of `hi`, in units of 1, per group. */
  private big: Map<number, bigint> | null = null;

  constructor(readonly ngroups: number, wide: boolean) {
    this.a0 = new Float64Array(ngroups);
    this.a32 = wide ? new Float64Array(ngroups) : null;
  }

  /** Moves the pending additions into the exact totals. Needed before any group got 2^20 additions. */
  flush(): void {
    if (this.hi === null) {
      this.hi = new Float64Array(this.ngroups);
      this.lo = new Float64Array(this.ngroups);
    }
    const { a0, a32, hi, lo } = this;
    for (let g = 0; g < this.ngroups; g++) {
      if (a0[g] === 0 && (a32 === null || a32[g] === 0)) continue;
      this.settle(g);
      hi[g] = settledHi;
      lo![g] = settledLo;
      a0[g] = 0;
      if (a32 !== null) a32[g] = 0;
    }
  }

  /**
   * Group g's exact total including pending additions, as H (units of 2^32, |H| < 2^53) and L in
   * [0, 2^32), left in settledHi / settledLo; spills H into `big` when it would pass 2^53.
   */
  private settle(g: number): void {
    const x0 = this.a0[g];
    let q = Math.floor(x0 / TWO32);
    let l = (this.lo === null ? 0 : this.lo[g]) + (x0 - q * TWO32);
    if (l >= TWO32) { l -= TWO32; q += 1; }
    const add = q + (this.a32 === null ? 0 : this.a32[g]); // |q| ≤ 2^20 + 1, |a32| ≤ 2^52: exact
    let h = this.hi === null ? 0 : this.hi[g];
    if (Math.abs(h) + Math.abs(add) >= TWO53) { this.addBig(g, BigInt(h) * 4294967296n); h = 0; }
    settledHi = h + add;
    settledLo = l;
  }

  /** Adds an exact amount to group g (for the rare carries; BigInt, so not per row). */
  addBig(g: number, v: bigint): void {
    if (this.big === null) this.big = new Map();
    this.big.set(g, (this.big.get(g) ?? 0n) + v);
  }

  /**
   * The partial-state columns: the low 64 bits of each sum (int64, or uint64 when `unsigned`) and
   * the int64 carry in units of 2^64. Call once, after the last addition.
   */
  toState(unsigned: boolean): [PrimitiveColumn, PrimitiveColumn] {
    const G = this.ngroups;
    const low = unsigned ? new BigUint64Array(G) : new BigInt64Array(G);
    const carry = new BigInt64Array(G);
    const lw = int64Words(low);
    const cw = int64Words(carry);
    for (let g = 0; g < G; g++) {
      this.settle(g);
      const H = settledHi;
      if (this.big !== null && this.big.has(g)) {
        const s = this.big.get(g)! + BigInt(H) * 4294967296n + BigInt(settledLo);
        const wrapped = unsigned ? BigInt.asUintN(64, s) : BigInt.asIntN(64, s);
        low[g] = wrapped;
        carry[g] = (s - wrapped) >> 64n;
        continue;
      }
      const hiWord = unsigned ? H >>> 0 : H | 0; // H mod 2^32, as the word's numeric value
      lw[2 * g] = settledLo | 0;
      lw[2 * g + 1] = hiWord | 0;
      const c = (H - hiWord) / TWO32;
      if (c !== 0) writeInt64FromNumber(cw, g, c);
    }
    const type = unsigned ? dtypes.uint64 : dtypes.int64;
    return [
      { layout: "primitive", dtype: type, length: G, values: low, validity: null },
      { layout: "primitive", dtype: dtypes.int64, length: G, values: carry, validity: null },
    ];
  }

  /** Each group's sum as the nearest double (for means). Call once, after the last addition. */
  toFloat64(): Float64Array {
    const out = new Float64Array(this.ngroups);
    for (let g = 0; g < this.ngroups; g++) {
      this.settle(g);
      out[g] = this.big !== null && this.big.has(g)
        ? Number(this.big.get(g)! + BigInt(settledHi) * 4294967296n + BigInt(settledLo))
        : settledHi * TWO32 + settledLo;
    }
    return out;
  }
}

/** Largest magnitude one row of an integer column may add, by dtype (32-bit kinds scanned). */
function maxMagnitude(values: Int32Array, kind: string): number {
  switch (kind) {
    case "bool": return 1;
    case "int8": return 128;
    case "uint8": return 255;
    case "int16": return 32768;
    case "uint16": return 65535;
    case "uint32": {
      let m = 0;
      for (let i = 0; i < values.length; i++) {
        const a = values[i] >>> 0;
        if (a > m) m = a;
      }
      return m;
    }
    default: {
      let m = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const a = v < 0 ? -v : v;
        if (a > m) m = a;
      }
      return m;
    }
  }
}

/**
 * Exact per-group sums of a bool or integer column (nulls skipped).
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * intSumsOf(columnFromValues(dtypes.int32, [1, 2, 3]), g).toFloat64(); // Float64Array [4, 2]
 * ```
 */
export function intSumsOf(col: BoolColumn | PrimitiveColumn, grouping: Grouping): IntSumAccumulator {
  const v = col.values;
  const acc = new IntSumAccumulator(grouping.ngroups, v instanceof BigInt64Array || v instanceof BigUint64Array);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    addWordRows(acc, int64Words(v), col.validity, grouping.ids, v instanceof BigUint64Array);
    return acc;
  }
  // 32-bit values go through an Int32Array (uint32 as a view, read back with >>> 0), narrower ones
  // through a widened copy, so the loops below only ever meet Int32Array
  const unsigned = v instanceof Uint32Array;
  const values = unsigned ? new Int32Array(v.buffer, v.byteOffset, v.length) : widenNarrow(v as Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array) as Int32Array;
  const n = values.length;
  const m = maxMagnitude(values, col.dtype.kind);
  // rows between flushes so that no group's pending total can pass 2^52
  const every = m === 0 ? n : Math.max(1, Math.floor(TWO52 / m));
  for (let start = 0; start < n; start += every) {
    const end = Math.min(n, start + every);
    if (unsigned) addUint32Rows(acc.a0, values, col.validity, grouping.ids, start, end);
    else addInt32Rows(acc.a0, values, col.validity, grouping.ids, start, end);
    if (end < n) acc.flush();
  }
  return acc;
}

function addInt32Rows(a0: Float64Array, values: Int32Array, validity: Uint8Array | null, ids: Int32Array, start: number, end: number): void {
  if (validity === null) {
    for (let i = start; i < end; i++) {
      const g = ids[i];
      if (g >= 0) a0[g] += values[i];
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const g = ids[i];
    if (g >= 0 && ((validity[i >> 3] >> (i & 7)) & 1) === 1) a0[g] += values[i];
  }
}

/** As addInt32Rows, for uint32 values seen through an Int32Array. */
function addUint32Rows(a0: Float64Array, values: Int32Array, validity: Uint8Array | null, ids: Int32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const g = ids[i];
    if (g >= 0 && (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1)) a0[g] += values[i] >>> 0;
  }
}

/** Adds 64-bit rows given as words: the unsigned low word into a0, the high word into a32. */
function addWordRows(acc: IntSumAccumulator, w: Int32Array, validity: Uint8Array | null, ids: Int32Array, unsigned: boolean): void {
  const n = w.length >> 1;
  const a0 = acc.a0;
  const a32 = acc.a32!;
  for (let start = 0; start < n; start += WORD_FLUSH_ROWS) {
    const end = Math.min(n, start + WORD_FLUSH_ROWS);
    if (unsigned) {
      for (let i = start; i < end; i++) {
        const g = ids[i];
        if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
        a0[g] += w[2 * i] >>> 0;
        a32[g] += w[2 * i + 1] >>> 0;
      }
    } else if (fitInt32(w, start, end)) {
      // every value is its signed low word: one addition per row (exact: 2^20 rows · 2^31 < 2^53)
      for (let i = start; i < end; i++) {
        const g = ids[i];
        if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
        a0[g] += w[2 * i];
      }
    } else {
      for (let i = start; i < end; i++) {
        const g = ids[i];
        if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
        a0[g] += w[2 * i] >>> 0;
        a32[g] += w[2 * i + 1];
      }
    }
    if (end < n) acc.flush();
  }
}

/** Whether the signed 64-bit values of rows [start, end) (as words) all lie in the int32 range. */
function fitInt32(w: Int32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (w[2 * i + 1] !== w[2 * i] >> 31) return false;
  return true;
}

/**
 * Exact per-group sums of integer-sum states (low 64 bits + carry), regrouped by `grouping`.
 *
 * @example
 * ```ts
 * const [low, carry] = intSumsOf(values, g).toState(false);
 * const total = intSumsOfStates(low, carry, groupIds([], { length: low.length })).toState(false);
 * ```
 */
export function intSumsOfStates(low: Column, carry: Column, grouping: Grouping): IntSumAccumulator {
  const acc = new IntSumAccumulator(grouping.ngroups, true);
  const lowValues = (low as PrimitiveColumn).values as BigInt64Array | BigUint64Array;
  addWordRows(acc, int64Words(lowValues), low.validity, grouping.ids, lowValues instanceof BigUint64Array);
  const cv = (carry as PrimitiveColumn).values as BigInt64Array;
  const cw = int64Words(cv);
  const ids = grouping.ids;
  for (let i = 0; i < cv.length; i++) {
    if ((cw[2 * i] | cw[2 * i + 1]) !== 0 && ids[i] >= 0) acc.addBig(ids[i], cv[i] << 64n);
  }
  return acc;
}
