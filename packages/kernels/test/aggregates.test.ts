import { describe, expect, it } from "vitest";
import { dtypes, formatDType, isDuskError, type DType } from "@dusk/core";
import {
  aggKernels, columnToValues, concatColumns, dictEncode, groupIds, sliceColumn, take, toPlainUtf8,
  type AggFn, type AggKernel, type Column, type ScalarValue,
} from "@dusk/kernels";
import { expectDuskError } from "./helpers/expect.js";
import { ALL_DTYPES, makeColumn, randomColumn, seeded, type Rng } from "./helpers/rng.js";

// ---- reference ---------------------------------------------------------------------------------

function keyString(v: ScalarValue): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

const isMissing = (v: ScalarValue): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

function compareValues(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as number | bigint) < (b as number | bigint) ? -1 : (a as number | bigint) > (b as number | bigint) ? 1 : 0;
}

const isFloat = (t: DType | null): boolean => t !== null && (t.kind === "float32" || t.kind === "float64");

/** Expected value per group plus, for float sums, the scale of the rounding error allowed. */
interface Expected { value: ScalarValue; scale: number }

class Overflow extends Error {}

/** The one-input aggregates (corr and cov, of two inputs, are checked in holistic.test.ts). */
type OneInputFn = Exclude<AggFn, "corr" | "cov">;

function referenceValue(fn: OneInputFn, t: DType | null, rows: readonly ScalarValue[]): Expected {
  const present = rows.filter((v) => !isMissing(v));
  switch (fn) {
    case "size": return { value: BigInt(rows.length), scale: 0 };
    case "count": return { value: BigInt(present.length), scale: 0 };
    case "sum": case "mean": {
      if (isFloat(t)) {
        const nums = present as number[];
        const sum = nums.reduce((a, b) => a + b, 0);
        const scale = nums.reduce((a, b) => a + Math.abs(b), 0);
        if (fn === "sum") return { value: sum, scale };
        return { value: nums.length === 0 ? null : sum / nums.length, scale: nums.length === 0 ? 0 : scale / nums.length };
      }
      let s = 0n;
      for (const v of present) s += typeof v === "boolean" ? (v ? 1n : 0n) : BigInt(v as number | bigint);
      if (fn === "mean") return { value: present.length === 0 ? null : Number(s) / present.length, scale: Math.abs(Number(s)) / Math.max(1, present.length) };
      const unsigned = t!.kind.startsWith("uint");
      const [lo, hi] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
      if (s < lo || s > hi) throw new Overflow();
      return { value: s, scale: 0 };
    }
    case "min": case "max": {
      let best: ScalarValue = null;
      for (const v of present) {
        if (best === null || (fn === "min" ? compareValues(v, best) < 0 : compareValues(v, best) > 0)) best = v;
      }
      return { value: best, scale: 0 };
    }
    case "std": case "var": {
      const v = shiftedVariance(present.map(toNumber), 1);
      if (v === null) return { value: null, scale: 0 };
      const value = fn === "std" ? Math.sqrt(v) : v;
      return { value, scale: Number.isFinite(value) ? Math.abs(value) : 0 };
    }
    case "prod": {
      if (isFloat(t)) {
        const p = (present as number[]).reduce((a, b) => a * b, 1);
        return { value: p, scale: Number.isFinite(p) ? Math.abs(p) : 0 };
      }
      let p = 1n;
      for (const v of present) p *= typeof v === "boolean" ? (v ? 1n : 0n) : BigInt(v as number | bigint);
      const unsigned = t!.kind.startsWith("uint");
      const [lo, hi] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
      if (p < lo || p > hi) throw new Overflow();
      return { value: p, scale: 0 };
    }
    case "any": return { value: present.some(truthy), scale: 0 };
    case "all": return { value: present.every(truthy), scale: 0 };
    case "first": return { value: present.length === 0 ? null : present[0], scale: 0 };
    case "last": return { value: present.length === 0 ? null : present[present.length - 1], scale: 0 };
  }
}

const toNumber = (v: ScalarValue): number => (typeof v === "boolean" ? Number(v) : Number(v as number | bigint));
const truthy = (v: ScalarValue): boolean => (typeof v === "bigint" ? v !== 0n : typeof v === "number" ? v !== 0 : v === true);

/** Two-pass variance of values shifted by the first one (so equal values give exactly 0); null for ≤ ddof values. */
function shiftedVariance(xs: readonly number[], ddof: number): number | null {
  const n = xs.length;
  if (n <= ddof) return null;
  const k = xs[0];
  const d = xs.map((x) => x - k);
  const mean = d.reduce((a, b) => a + b, 0) / n;
  let sq = 0, c = 0;
  for (const x of d) { sq += (x - mean) ** 2; c += x - mean; }
  return (sq - (c * c) / n) / (n - ddof);
}

/** Expected results by key string, or "overflow" when some group's integer sum is out of range. */
function reference(fn: OneInputFn, t: DType | null, keys: readonly ScalarValue[][], input: readonly ScalarValue[] | null, n: number, dropna: boolean): Map<string, Expected> | "overflow" {
  const rows = new Map<string, ScalarValue[]>();
  if (keys.length === 0) rows.set("", []);
  for (let i = 0; i < n; i++) {
    if (dropna && keys.some((k) => k[i] === null)) continue;
    const s = keys.map((k) => keyString(k[i])).join("|");
    let r = rows.get(s);
    if (r === undefined) { r = []; rows.set(s, r); }
    r.push(input === null ? null : input[i]);
  }
  const out = new Map<string, Expected>();
  try {
    for (const [k, r] of rows) out.set(k, referenceValue(fn, t, r));
  } catch (e) {
    if (e instanceof Overflow) return "overflow";
    throw e;
  }
  return out;
}

// ---- the lowering, in small ----------------------------------------------------------------------

/** A utf8 slice in the other layout now and then, so partials mix layouts. */
function relayout(rng: Rng, c: Column): Column {
  if (c.dtype.kind !== "utf8" || !rng.chance(0.3)) return c;
  return c.layout === "dict" ? toPlainUtf8(c) : c.layout === "utf8" ? dictEncode(c) : c;
}

/** Cut points over n rows: some partitions empty, some of one row. */
function randomCuts(rng: Rng, n: number): number[] {
  const cuts = [0, n];
  const k = rng.int(12);
  for (let j = 0; j < k; j++) {
    const x = rng.int(n + 1);
    cuts.push(x);
    if (rng.chance(0.3)) cuts.push(x); // an empty partition
    if (rng.chance(0.3) && x < n) cuts.push(x + 1); // a one-row partition
  }
  return cuts.sort((a, b) => a - b);
}

interface Part { keys: Column[]; states: Column[] }

function concatParts(parts: readonly Part[], keyTypes: readonly DType[], stateTypes: readonly DType[]): { keys: Column[]; states: Column[]; length: number } {
  const keys = keyTypes.map((t, j) => concatColumns(parts.map((p) => p.keys[j]), t));
  const states = stateTypes.map((t, j) => concatColumns(parts.map((p) => p.states[j]), t));
  return { keys, states, length: states[0].length };
}

function combineLevel(k: AggKernel, parts: readonly Part[], keyTypes: readonly DType[], stateTypes: readonly DType[], dropna: boolean): Part {
  const c = concatParts(parts, keyTypes, stateTypes);
  const g = groupIds(c.keys, { dropna, length: c.length });
  const states = k.combine(c.states, g, "v");
  expect(states.map((s) => s.length)).toEqual(stateTypes.map(() => g.ngroups));
  return { keys: c.keys.map((col) => take(col, g.firstRow)), states };
}

/** partial per partition → combine 8 at a time, level after level → finalize; results by key string. */
function runPartitioned(rng: Rng, fn: AggFn, keys: readonly Column[], input: Column | null, n: number, dropna: boolean): Map<string, ScalarValue> {
  const k = aggKernels[fn];
  const keyTypes = keys.map((c) => c.dtype);
  const stateTypes = k.stateTypes(input === null ? null : input.dtype, "v");
  const cuts = randomCuts(rng, n);
  let parts: Part[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const [s, e] = [cuts[p], cuts[p + 1]];
    const kp = keys.map((c) => relayout(rng, sliceColumn(c, s, e)));
    const ip = input === null ? null : relayout(rng, sliceColumn(input, s, e));
    const g = groupIds(kp, { dropna, length: e - s });
    const states = k.partial(ip, g, "v");
    expect(states.map((c) => c.dtype)).toEqual(stateTypes);
    expect(states.map((c) => c.length)).toEqual(stateTypes.map(() => g.ngroups));
    parts.push({ keys: kp.map((c) => take(c, g.firstRow)), states });
  }
  do {
    const next: Part[] = [];
    for (let i = 0; i < parts.length; i += 8) next.push(combineLevel(k, parts.slice(i, i + 8), keyTypes, stateTypes, dropna));
    parts = next;
  } while (parts.length > 1);
  if (rng.chance(0.5)) parts = [combineLevel(k, parts, keyTypes, stateTypes, dropna)]; // an extra, idempotent level
  const result = k.finalize(parts[0].states, "v");
  expect(result.dtype).toEqual(k.resultType(input === null ? null : input.dtype, "v"));
  const keyValues = parts[0].keys.map(columnToValues);
  const values = columnToValues(result);
  const out = new Map<string, ScalarValue>();
  for (let g = 0; g < result.length; g++) out.set(keyValues.map((kv) => keyString(kv[g])).join("|"), values[g]);
  return out;
}

function sameValue(got: ScalarValue, want: Expected): boolean {
  const w = want.value;
  if (typeof w === "number" && typeof got === "number") {
    if (!Number.isFinite(w) || !Number.isFinite(got)) return Object.is(w, got) || (Number.isNaN(w) && Number.isNaN(got)) || w === got;
    return Math.abs(got - w) <= 1e-9 * (want.scale + 1);
  }
  return got === w;
}

function checkPartitioned(rng: Rng, fn: OneInputFn, keys: readonly { column: Column; values: ScalarValue[] }[], input: { column: Column; values: ScalarValue[] } | null, n: number, dropna: boolean): void {
  const want = reference(fn, input === null ? null : input.column.dtype, keys.map((k) => k.values), input === null ? null : input.values, n, dropna);
  const run = () => runPartitioned(rng, fn, keys.map((k) => k.column), input === null ? null : input.column, n, dropna);
  if (want === "overflow") {
    try {
      run();
      expect.unreachable("expected INT_OVERFLOW");
    } catch (e) {
      if (!isDuskError(e, "INT_OVERFLOW")) throw e;
    }
    return;
  }
  const got = run();
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [key, w] of want) {
    const g = got.get(key)!;
    if (!sameValue(g, w)) expect({ key, value: g }).toEqual({ key, value: w.value });
  }
}

// ---- tests ---------------------------------------------------------------------------------------

const KEY_SETS: readonly { name: string; types: readonly DType[]; distinct: readonly (number | undefined)[] }[] = [
  { name: "no keys", types: [], distinct: [] },
  { name: "utf8 (skewed)", types: [dtypes.utf8], distinct: [15] },
  { name: "int32", types: [dtypes.int32], distinct: [40] },
  { name: "float64 (NaN, -0)", types: [dtypes.float64], distinct: [10] },
  { name: "utf8 + int64", types: [dtypes.utf8, dtypes.int64], distinct: [6, 5] },
  { name: "bool + utf8 + int16", types: [dtypes.bool, dtypes.utf8, dtypes.int16], distinct: [2, 4, 3] },
  { name: "many groups (int64)", types: [dtypes.int64], distinct: [undefined] },
];

const ACCEPTS: Readonly<Record<OneInputFn, (t: DType) => boolean>> = {
  sum: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  mean: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  count: () => true,
  size: () => true,
  min: () => true,
  max: () => true,
  std: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  var: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  prod: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  any: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  all: (t) => t.kind !== "utf8" && t.kind !== "date32" && t.kind !== "timestamp",
  first: () => true,
  last: () => true,
};

/**
 * Values whose products stay interesting: floats of magnitude in [0.5, 2) (products neither overflow
 * nor depend on the order of rounding much), integers mostly ±1, ±2, 3 with a rare 0, so that some
 * groups overflow and some do not; NaN and nulls mixed in.
 */
function prodColumn(rng: Rng, t: DType, n: number): { column: Column; values: ScalarValue[] } {
  const values: ScalarValue[] = [];
  const signed = !t.kind.startsWith("uint");
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.2)) { values.push(null); continue; }
    if (isFloat(t)) {
      const x = rng.chance(0.02) ? rng.pick([0, -0, NaN]) : (rng.chance(0.5) ? -1 : 1) * (0.5 + 1.5 * rng.next());
      values.push(t.kind === "float32" ? Math.fround(x) : x);
      continue;
    }
    if (t.kind === "bool") { values.push(rng.chance(0.97)); continue; }
    const x = rng.chance(0.01) ? 0 : rng.pick(signed ? [1, -1, 1, -1, 2, -2, 3] : [1, 1, 2, 3]);
    const wide = t.kind === "int64" || t.kind === "uint64";
    // now and then a factor above 2^53 (the BigInt path), which overflows its group unless a 0 or ±1s follow
    if (wide && rng.chance(0.005)) values.push((signed && rng.chance(0.5) ? -1n : 1n) * (2n ** 53n + BigInt(rng.int(1000))));
    else values.push(wide ? BigInt(x) : x);
  }
  return { column: makeColumn(t, values), values };
}

describe("aggregates split over partitions equal a one-shot reference", () => {
  const fns: OneInputFn[] = ["sum", "count", "mean", "min", "max", "std", "var", "prod", "any", "all", "first", "last"];
  for (const fn of fns) {
    for (const t of ALL_DTYPES.filter(ACCEPTS[fn])) {
      it(`${fn}(${formatDType(t)})`, () => {
        const rng = seeded(fn.length * 1000 + t.kind.length * 17 + (t.kind.charCodeAt(0) << 3));
        for (const ks of KEY_SETS) {
          for (const dropna of [true, false]) {
            const n = rng.pick([0, 1, 300, 1500]);
            const keys = ks.types.map((kt, j) => randomColumn(rng, kt, {
              length: n, distinct: ks.distinct[j], skew: j === 0 ? 0.5 : undefined,
              layout: kt.kind === "utf8" ? rng.pick(["utf8", "dict", "dict-dup"] as const) : "utf8",
            }));
            // sums of wide integers would overflow at random: keep them small here (overflow has its own tests)
            const small = fn === "sum" || fn === "mean";
            const input = fn === "prod" ? prodColumn(rng, t, n)
              : randomColumn(rng, t, { length: n, small, layout: rng.pick(["utf8", "dict", "dict-dup"] as const) });
            checkPartitioned(rng, fn, keys, input, n, dropna);
          }
        }
      });
    }
  }

  it("size (no input column)", () => {
    const rng = seeded(99);
    for (const ks of KEY_SETS) {
      for (const dropna of [true, false]) {
        const n = rng.pick([0, 1, 700]);
        const keys = ks.types.map((kt, j) => randomColumn(rng, kt, { length: n, distinct: ks.distinct[j] }));
        checkPartitioned(rng, "size", keys, null, n, dropna);
      }
    }
  });

  it("sum of full-range int64 and uint64 values: exact, or INT_OVERFLOW exactly when out of range", () => {
    const rng = seeded(5);
    let overflows = 0, exact = 0;
    for (const t of [dtypes.int64, dtypes.uint64, dtypes.int64]) {
      for (let rep = 0; rep < 12; rep++) {
        const n = rng.pick([2, 5, 40, 400]);
        const key = randomColumn(rng, dtypes.int8, { length: n, distinct: rng.pick([1, 3, 50]), nullFraction: 0.1 });
        // values near ±2^62 (or up to 2^64 for uint64), so partials often leave the range
        const values: ScalarValue[] = [];
        for (let i = 0; i < n; i++) {
          if (rng.chance(0.1)) { values.push(null); continue; }
          const base = t.kind === "uint64" ? 2n ** 62n * BigInt(rng.int(4)) : 2n ** 62n * BigInt(rng.range(-1, 1));
          values.push(base + BigInt(rng.range(-1000, 1000)) * (t.kind === "uint64" ? 0n : 1n) + BigInt(rng.int(1000)));
        }
        const input = { column: makeColumn(t, values), values };
        const want = reference("sum", t, [key.values], values, n, true);
        if (want === "overflow") overflows++; else exact++;
        checkPartitioned(rng, "sum", [key], input, n, true);
      }
    }
    expect(overflows).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(0);
  });
});

/** One-shot sum over all rows in group 0. */
function sumAll(col: Column, where = "v"): ScalarValue {
  const k = aggKernels.sum;
  return columnToValues(k.finalize(k.partial(col, groupIds([], { length: col.length }), where), where))[0];
}

/** Sum through two partitions that each overflow while the total does not. */
function sumSplit(col: Column, at: number): ScalarValue {
  const k = aggKernels.sum;
  const parts = [sliceColumn(col, 0, at), sliceColumn(col, at, col.length)].map((c) => k.partial(c, groupIds([], { length: c.length }), "v"));
  const states = k.stateTypes(col.dtype).map((t, j) => concatColumns(parts.map((p) => p[j]), t));
  return columnToValues(k.finalize(k.combine(states, groupIds([], { length: 2 }), "v"), "v"))[0];
}

describe("exact integer sums", () => {
  it("stays exact when partials leave the int64 range and come back", () => {
    const big = 2n ** 62n;
    const col = makeColumn(dtypes.int64, [big, big, big, -big, -big, -big + 5n]);
    expect(sumAll(col)).toBe(5n);
    expect(sumSplit(col, 3)).toBe(5n);
    const u = makeColumn(dtypes.uint64, [2n ** 64n - 1n, 2n ** 64n - 1n, 0n]);
    expect(() => sumSplit(u, 1)).toThrow(/outside the uint64 range/);
  });

  it("reaches the range limits exactly and raises INT_OVERFLOW one past them", () => {
    const big = 2n ** 62n;
    expect(sumAll(makeColumn(dtypes.int64, [-big, -big]))).toBe(-(2n ** 63n));
    expect(sumAll(makeColumn(dtypes.int64, [big, big - 1n]))).toBe(2n ** 63n - 1n);
    expect(sumAll(makeColumn(dtypes.uint64, [2n ** 63n, 2n ** 63n - 1n]))).toBe(2n ** 64n - 1n);
    for (const [t, values] of [
      [dtypes.int64, [big, big]],
      [dtypes.int64, [-big, -big, -1n]],
      [dtypes.uint64, [2n ** 63n, 2n ** 63n]],
    ] as const) {
      try {
        sumAll(makeColumn(t, values as unknown as bigint[]), "price");
        expect.unreachable();
      } catch (e) {
        expect(isDuskError(e, "INT_OVERFLOW")).toBe(true);
        expect((e as Error).message).toMatch(/^price: .*group 0.*float64/);
      }
    }
  });

  it("flushes often enough: 5e6 rows of extreme 32-bit values in one group", () => {
    const n = 5_000_000;
    const i32 = { layout: "primitive", dtype: dtypes.int32, length: n, values: new Int32Array(n).fill(2147483647), validity: null } as const;
    expect(sumAll(i32)).toBe(BigInt(n) * 2147483647n);
    const neg = { ...i32, values: new Int32Array(n).fill(-2147483648) };
    expect(sumAll(neg)).toBe(BigInt(n) * -2147483648n);
    const u32 = { layout: "primitive", dtype: dtypes.uint32, length: n, values: new Uint32Array(n).fill(4294967295), validity: null } as const;
    expect(sumAll(u32)).toBe(BigInt(n) * 4294967295n);
    // mean rounds the exact sum once
    const m = aggKernels.mean;
    expect(columnToValues(m.finalize(m.partial(u32, groupIds([], { length: n })))) ).toEqual([4294967295]);
  });

  it("flushes 64-bit words: 3e6 rows whose low words are near 2^32", () => {
    const n = 3_000_000;
    const col = { layout: "primitive", dtype: dtypes.int64, length: n, values: new BigInt64Array(n).fill(-3n), validity: null } as const;
    expect(sumAll(col)).toBe(BigInt(n) * -3n);
    const mixed = new BigInt64Array(n);
    for (let i = 0; i < n; i++) mixed[i] = i % 2 === 0 ? (1n << 40n) + 7n : -(1n << 35n) - 1n;
    const want = BigInt(n / 2) * ((1n << 40n) + 7n) + BigInt(n / 2) * (-(1n << 35n) - 1n);
    expect(sumAll({ ...col, values: mixed })).toBe(want);
    const u = { layout: "primitive", dtype: dtypes.uint64, length: n, values: new BigUint64Array(n).fill(2n ** 42n - 1n), validity: null } as const;
    expect(sumAll(u)).toBe(BigInt(n) * (2n ** 42n - 1n));
  });
});

describe("aggregate types and edges", () => {
  it("result and state types", () => {
    expect(aggKernels.sum.resultType(dtypes.bool)).toEqual(dtypes.int64);
    expect(aggKernels.sum.resultType(dtypes.uint8)).toEqual(dtypes.uint64);
    expect(aggKernels.sum.resultType(dtypes.float32)).toEqual(dtypes.float64);
    expect(aggKernels.sum.stateTypes(dtypes.int16)).toEqual([dtypes.int64, dtypes.int64]);
    expect(aggKernels.sum.stateTypes(dtypes.float64)).toEqual([dtypes.float64]);
    expect(aggKernels.mean.stateTypes(dtypes.int32)).toEqual([dtypes.float64, dtypes.int64]);
    expect(aggKernels.count.resultType(dtypes.utf8)).toEqual(dtypes.int64);
    expect(aggKernels.size.resultType(null)).toEqual(dtypes.int64);
    expect(aggKernels.min.resultType(dtypes.timestamp("ns", "UTC"))).toEqual(dtypes.timestamp("ns", "UTC"));
    expect(aggKernels.max.resultType(dtypes.date32)).toEqual(dtypes.date32);
  });

  it("rejects unsupported types with TYPE_MISMATCH naming the column", () => {
    for (const [fn, t] of [["sum", dtypes.utf8], ["mean", dtypes.timestamp("ms")], ["sum", dtypes.date32], ["min", null], ["count", null]] as const) {
      try {
        aggKernels[fn].resultType(t, "city");
        expect.unreachable();
      } catch (e) {
        expect(isDuskError(e, "TYPE_MISMATCH")).toBe(true);
        expect((e as Error).message).toMatch(/^city: /);
      }
    }
    const g = groupIds([], { length: 1 });
    expect(() => aggKernels.sum.partial(makeColumn(dtypes.utf8, ["x"]), g, "city")).toThrow(/city: sum needs/);
  });

  it("rejects a grouping of another length", () => {
    const g = groupIds([], { length: 2 });
    expect(() => aggKernels.count.partial(makeColumn(dtypes.int32, [1]), g)).toThrow(/grouping of 2 rows for 1 input rows/);
  });

  it("a whole-frame aggregate of zero rows gives one row", () => {
    const g = groupIds([], { length: 0 });
    const empty = makeColumn(dtypes.float64, []);
    const run = (fn: AggFn, c: Column | null): ScalarValue => columnToValues(aggKernels[fn].finalize(aggKernels[fn].partial(c, g)))[0];
    expect(run("sum", empty)).toBe(0);
    expect(run("sum", makeColumn(dtypes.int8, []))).toBe(0n);
    expect(run("count", empty)).toBe(0n);
    expect(run("size", null)).toBe(0n);
    expect(run("mean", empty)).toBe(null);
    expect(run("min", empty)).toBe(null);
    expect(run("max", makeColumn(dtypes.utf8, []))).toBe(null);
  });

  it("skips NaN in sum, count, mean, min and max but keeps inf + -inf = NaN through combine", () => {
    const g = groupIds([makeColumn(dtypes.utf8, ["a", "a", "a", "b", "b", "c"])]);
    const v = makeColumn(dtypes.float64, [1, NaN, 2, Infinity, -Infinity, NaN]);
    const one = (fn: AggFn): ScalarValue[] => columnToValues(aggKernels[fn].finalize(aggKernels[fn].partial(v, g)));
    expect(one("sum")).toEqual([3, NaN, 0]);
    expect(one("count")).toEqual([2n, 2n, 0n]);
    expect(one("mean")).toEqual([1.5, NaN, null]);
    expect(one("min")).toEqual([1, -Infinity, null]);
    expect(one("max")).toEqual([2, Infinity, null]);
    const s = aggKernels.sum.partial(v, g);
    const again = aggKernels.sum.combine(s, groupIds([], { length: 3 }));
    expect(columnToValues(aggKernels.sum.finalize(again))).toEqual([NaN]);
  });

  it("min and max of dictionary strings compare the strings, not the codes, and keep the layout", () => {
    const d = dictEncode(makeColumn(dtypes.utf8, ["zeta", "alpha", "mid", null, "alpha"]) as never);
    const g = groupIds([], { length: d.length });
    const min = aggKernels.min.partial(d, g)[0];
    expect(min.layout).toBe("dict");
    expect(columnToValues(min)).toEqual(["alpha"]);
    expect(columnToValues(aggKernels.max.partial(d, g)[0])).toEqual(["zeta"]);
  });
});

// ---- std, var, prod, any, all, first, last: edges -------------------------------------------------

/** Finalized values of `fn` after splitting the rows at `cuts` (partition order kept), grouped by `keys`. */
function splitRun(fn: AggFn, keys: Column | null, input: Column, cuts: readonly number[], params?: { ddof?: number }): ScalarValue[] {
  const k = aggKernels[fn];
  const bounds = [0, ...cuts, input.length];
  const parts: { keys: Column[]; states: Column[] }[] = [];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const [s, e] = [bounds[p], bounds[p + 1]];
    const kp = keys === null ? [] : [sliceColumn(keys, s, e)];
    const g = groupIds(kp, { length: e - s });
    parts.push({ keys: kp.map((c) => take(c, g.firstRow)), states: k.partial(sliceColumn(input, s, e), g, `${fn}(v)`) });
  }
  const types = k.stateTypes(input.dtype, `${fn}(v)`);
  const states = types.map((t, j) => concatColumns(parts.map((p) => p.states[j]), t));
  const allKeys = keys === null ? [] : [concatColumns(parts.map((p) => p.keys[0]), keys.dtype)];
  const g = groupIds(allKeys, { length: states[0].length });
  return columnToValues(k.finalize(k.combine(states, g, `${fn}(v)`), `${fn}(v)`, params));
}

describe("std and var", () => {
  it("are stable for values far from zero (1e9 + small noise), split or not", () => {
    const rng = seeded(77);
    const n = 20_000;
    const xs: number[] = [];
    for (let i = 0; i < n; i++) xs.push(1e9 + rng.next());
    const col = makeColumn(dtypes.float64, xs);
    const want = Math.sqrt(shiftedVariance(xs, 1)!);
    expect(want).toBeGreaterThan(0.28); // uniform noise: ≈ 0.2887
    for (const cuts of [[], [1, 2, 9_999, 10_000, 10_000, 19_999], Array.from({ length: 40 }, (_, j) => j * 500)]) {
      const [got] = splitRun("std", null, col, cuts);
      expect(Math.abs((got as number) - want) / want).toBeLessThan(1e-12);
    }
  });

  it("take ddof; a group with at most ddof values gives null", () => {
    const keys = makeColumn(dtypes.utf8, ["a", "a", "a", "b", "c", "c", "b"]);
    const v = makeColumn(dtypes.int32, [1, 2, 6, 4, null, null, null]);
    expect(splitRun("var", keys, v, [2])).toEqual([7, null, null]);
    expect(splitRun("var", keys, v, [1, 5], { ddof: 0 })).toEqual([14 / 3, 0, null]);
    expect(splitRun("std", keys, v, [], { ddof: 2 })).toEqual([Math.sqrt(14), null, null]);
  });

  it("read int64 above 2^53 without losing what float64 holds", () => {
    const big = 2n ** 60n;
    const v = makeColumn(dtypes.int64, [big, big + 1024n, big + 2048n, null]);
    for (const cuts of [[], [1], [1, 1, 2], [3]]) expect(splitRun("var", null, v, cuts)).toEqual([1024 * 1024]);
    const u = makeColumn(dtypes.uint64, [2n ** 64n - 2048n, 2n ** 64n - 4096n]);
    expect(splitRun("var", null, u, [1])).toEqual([2048 * 2048 / 2]);
  });

  it("skip NaN and nulls", () => {
    const v = makeColumn(dtypes.float64, [1, NaN, null, 3]);
    expect(splitRun("var", null, v, [2])).toEqual([2]);
  });
});

describe("exact integer products", () => {
  const prodOf = (t: DType, values: readonly ScalarValue[], cuts: readonly number[] = []): ScalarValue =>
    splitRun("prod", null, makeColumn(t, values), cuts)[0];

  it("reach the range limits exactly, with factors above 2^53 and across partitions", () => {
    const b = 2n ** 62n;
    expect(prodOf(dtypes.int64, [2n ** 31n + 1n, 2n ** 31n - 1n])).toBe(2n ** 62n - 1n);
    expect(prodOf(dtypes.int64, [-b, 2n], [1])).toBe(-(2n ** 63n));
    expect(prodOf(dtypes.int64, [b, 2n, -1n], [1, 2])).toBe(-(2n ** 63n));
    expect(prodOf(dtypes.int64, [3037000499n, 3037000499n], [1])).toBe(3037000499n ** 2n);
    expect(prodOf(dtypes.int64, [2n ** 60n + 1n, -1n, 1n, null], [2])).toBe(-(2n ** 60n) - 1n);
    expect(prodOf(dtypes.uint64, [2n ** 32n, 2n ** 32n - 1n], [1])).toBe(2n ** 64n - 2n ** 32n);
    expect(prodOf(dtypes.int32, [2147483647, 2147483647, -2])).toBe(-2n * 2147483647n ** 2n);
    expect(prodOf(dtypes.int8, [null, null])).toBe(1n);
    expect(prodOf(dtypes.bool, [true, null, true])).toBe(1n);
  });

  it("give 0 when a zero follows (or precedes) an overflowed partial", () => {
    const huge = 2n ** 40n;
    expect(prodOf(dtypes.int64, [huge, huge, huge, 0n], [3])).toBe(0n);
    expect(prodOf(dtypes.int64, [0n, huge, huge, huge], [1])).toBe(0n);
    expect(prodOf(dtypes.uint64, [huge, huge, 0n], [1, 2])).toBe(0n);
    expect(prodOf(dtypes.int64, [2n ** 62n, 2n ** 62n, -(2n ** 62n), 0n, 2n ** 62n], [2, 4])).toBe(0n);
  });

  it("raise INT_OVERFLOW naming the group one past the limits", () => {
    const b = 2n ** 62n;
    for (const [t, values, cuts] of [
      [dtypes.int64, [b, 2n], [1]],
      [dtypes.int64, [b, 2n, -1n, -1n], [2]],
      [dtypes.uint64, [2n ** 32n, 2n ** 32n], []],
      [dtypes.int64, [2n ** 40n, 2n ** 40n, 1n, -1n], [1, 3]],
    ] as const) {
      expectDuskError(() => prodOf(t, values as unknown as bigint[], cuts as unknown as number[]), "INT_OVERFLOW", ["prod(v): the product of group 0", "float64"]);
    }
    const keys = makeColumn(dtypes.utf8, ["a", "b", "b"]);
    expectDuskError(() => splitRun("prod", keys, makeColumn(dtypes.int64, [1n, b, 4n]), [1]), "INT_OVERFLOW", ["group 1", "(result row 1)"]);
  });

  it("of floats skip nulls and NaN and start from 1", () => {
    expect(prodOf(dtypes.float64, [1.5, NaN, null, -2], [1])).toBe(-3);
    expect(prodOf(dtypes.float32, [])).toBe(1);
  });
});

describe("any, all, first and last", () => {
  it("any and all: numbers non-zero are true, nulls and NaN skipped, empty groups false / true", () => {
    const keys = makeColumn(dtypes.utf8, ["a", "a", "b", "b", "c", "d", "d"]);
    const f = makeColumn(dtypes.float64, [0, NaN, 0.5, 2, null, 0, -0]);
    expect(splitRun("any", keys, f, [1, 4])).toEqual([false, true, false, false]);
    expect(splitRun("all", keys, f, [1, 4])).toEqual([false, true, true, false]);
    const w = makeColumn(dtypes.int64, [2n ** 32n, 0n, -(2n ** 63n), null, null, 0n, 1n]);
    expect(splitRun("any", keys, w, [3])).toEqual([true, true, false, true]);
    expect(splitRun("all", keys, w, [3])).toEqual([false, true, true, false]);
    const b = makeColumn(dtypes.bool, [true, null, false, true, null, true, true]);
    expect(splitRun("all", keys, b, [5])).toEqual([true, false, true, true]);
  });

  it("first and last keep row order across many partitions, empty ones included", () => {
    const rng = seeded(3);
    for (const t of [dtypes.utf8, dtypes.int64, dtypes.float64, dtypes.bool, dtypes.date32, dtypes.timestamp("us", "UTC")]) {
      const n = 200;
      const keys = randomColumn(rng, dtypes.int8, { length: n, distinct: 7, skew: 0.5, nullFraction: 0 });
      const input = randomColumn(rng, t, { length: n, nullFraction: 0.6, layout: "dict" });
      const cuts = Array.from({ length: 30 }, () => rng.int(n + 1)).sort((a, b) => a - b);
      for (const fn of ["first", "last"] as const) {
        const got = splitRun(fn, keys.column, input.column, cuts);
        const want = new Map<ScalarValue, ScalarValue>();
        keys.values.forEach((k, i) => {
          const v = input.values[i];
          if (isMissing(v)) { if (!want.has(k)) want.set(k, null); return; }
          if (fn === "last" || want.get(k) === null || !want.has(k)) want.set(k, v);
        });
        expect(got).toEqual([...want.values()]);
      }
    }
  });

  it("first and last of an all-null group are null; dictionary strings stay dictionary-encoded", () => {
    const keys = makeColumn(dtypes.utf8, ["a", "b", "a", "b"]);
    const v = dictEncode(makeColumn(dtypes.utf8, [null, null, "x", null]) as never);
    const g = groupIds([keys]);
    const [first] = aggKernels.first.partial(v, g);
    expect(first.layout).toBe("dict");
    expect(columnToValues(first)).toEqual(["x", null]);
    expect(splitRun("last", keys, makeColumn(dtypes.float64, [1, NaN, NaN, null]), [1, 1, 3])).toEqual([1, null]);
  });
});

describe("new aggregates: types and empty input", () => {
  it("result and state types", () => {
    expect(aggKernels.std.resultType(dtypes.int64)).toEqual(dtypes.float64);
    expect(aggKernels.var.stateTypes(dtypes.bool)).toEqual([dtypes.int64, dtypes.float64, dtypes.float64, dtypes.float64]);
    expect(aggKernels.prod.resultType(dtypes.int8)).toEqual(dtypes.int64);
    expect(aggKernels.prod.resultType(dtypes.uint16)).toEqual(dtypes.uint64);
    expect(aggKernels.prod.stateTypes(dtypes.uint8)).toEqual([dtypes.uint64, dtypes.bool, dtypes.bool]);
    expect(aggKernels.prod.stateTypes(dtypes.float32)).toEqual([dtypes.float64]);
    expect(aggKernels.any.resultType(dtypes.float32)).toEqual(dtypes.bool);
    expect(aggKernels.last.resultType(dtypes.timestamp("ns", "UTC"))).toEqual(dtypes.timestamp("ns", "UTC"));
  });

  it("reject unsupported types with TYPE_MISMATCH naming the expression", () => {
    for (const [fn, t] of [["std", dtypes.utf8], ["var", dtypes.date32], ["prod", dtypes.timestamp("ms")], ["any", dtypes.utf8], ["all", null], ["first", null]] as const) {
      expectDuskError(() => aggKernels[fn].resultType(t, "city"), "TYPE_MISMATCH", ["city: ", fn]);
    }
    expectDuskError(() => aggKernels.std.partial(makeColumn(dtypes.utf8, ["x"]), groupIds([], { length: 1 }), "std(city)"), "TYPE_MISMATCH",
      ["std(city): std needs a numeric or bool column, got utf8"]);
  });

  it("a whole-frame aggregate of zero rows gives std null, prod 1, any false, all true, first null", () => {
    const g = groupIds([], { length: 0 });
    const run = (fn: AggFn, c: Column): ScalarValue => columnToValues(aggKernels[fn].finalize(aggKernels[fn].partial(c, g)))[0];
    const empty = makeColumn(dtypes.float64, []);
    expect(run("std", empty)).toBe(null);
    expect(run("var", makeColumn(dtypes.int64, []))).toBe(null);
    expect(run("prod", empty)).toBe(1);
    expect(run("prod", makeColumn(dtypes.int32, []))).toBe(1n);
    expect(run("prod", makeColumn(dtypes.uint8, []))).toBe(1n);
    expect(run("any", empty)).toBe(false);
    expect(run("all", empty)).toBe(true);
    expect(run("first", makeColumn(dtypes.utf8, []))).toBe(null);
    expect(run("last", empty)).toBe(null);
  });
});
