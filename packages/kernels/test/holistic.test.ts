/**
 * Exact median, quantile and nunique per group, and corr / cov (two inputs, pairwise complete,
 * mergeable states), each against a plain-JS reference on random data with nulls, NaN, skewed keys
 * and empty groups.
 */
import { describe, expect, it } from "vitest";
import { dtypes, formatDType, type DType } from "@dusk/core";
import {
  aggKernels, columnToValues, concatColumns, groupIds, holisticKernels, isHolistic, sliceColumn, take,
  type Column, type Grouping, type ScalarValue,
} from "@dusk/kernels";
import { expectDuskError } from "./helpers/expect.js";
import { makeColumn, randomColumn, seeded, type Rng } from "./helpers/rng.js";

const asNumber = (v: ScalarValue): number | null =>
  v === null ? null : typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? Number(v) : (v as number);
/** -0 as 0: the order of -0 and 0 among equal values is not specified. */
const signless = (xs: readonly ScalarValue[]): ScalarValue[] => xs.map((v) => (Object.is(v, -0) ? 0 : v));

/** Rows of each group: keys drawn from `groups` values, one of them holding about half the rows. */
function grouped(rng: Rng, n: number, groups: number): { grouping: Grouping; members: number[][] } {
  const keys = randomColumn(rng, dtypes.int32, { length: n, distinct: groups, skew: 0.5, nullFraction: 0.05, specials: false });
  const grouping = groupIds([keys.column], { dropna: true });
  const members: number[][] = Array.from({ length: grouping.ngroups }, () => []);
  grouping.ids.forEach((g, i) => { if (g >= 0) members[g].push(i); });
  return { grouping, members };
}

function refQuantile(xs: number[], q: number, median: boolean): number | null {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  if (median) {
    const m = s.length >> 1;
    return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  const pos = q * (s.length - 1), i = Math.floor(pos), t = pos - i;
  const a = s[i], b = s[Math.min(i + 1, s.length - 1)];
  return a === b ? a : t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

const NUMERIC: DType[] = [dtypes.bool, dtypes.int8, dtypes.int32, dtypes.int64, dtypes.uint64, dtypes.float32, dtypes.float64];

describe("median and quantile", () => {
  for (const t of NUMERIC) {
    it(`equal a sorted reference for ${formatDType(t)}`, () => {
      const rng = seeded(t.kind.length * 31 + 7);
      for (const n of [0, 1, 50, 3000]) {
        const { grouping, members } = grouped(rng, n, rng.pick([1, 3, 40, 600]));
        const { column, values } = randomColumn(rng, t, { length: n, nullFraction: 0.1, small: true });
        const nums = values.map(asNumber);
        for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
          const got = columnToValues(holisticKernels.quantile.whole(column, grouping, "quantile(v)", { q }));
          expect(signless(got)).toEqual(members.map((rows) => refQuantile(rows.map((i) => nums[i]).filter((x): x is number => x !== null), q, false)).map((v) => (Object.is(v, -0) ? 0 : v)));
        }
        const med = columnToValues(holisticKernels.median.whole(column, grouping, "median(v)"));
        expect(signless(med)).toEqual(members.map((rows) => refQuantile(rows.map((i) => nums[i]).filter((x): x is number => x !== null), 0.5, true)).map((v) => (Object.is(v, -0) ? 0 : v)));
      }
    });
  }

  it("select the ranks a full sort would give in large groups of every order, -0 before 0 as a sort puts it", () => {
    const rng = seeded(99);
    const n = 400;
    const shapes: Record<string, (i: number) => number> = {
      random: () => rng.int(1_000_000) / 7 - 70_000,
      duplicates: () => rng.int(5),
      ascending: (i) => i,
      descending: (i) => -i,
      organPipe: (i) => Math.min(i, n - i),
      allEqual: () => 3,
      zeros: () => rng.pick([-0, 0, 0, -0, -1, 1]),
      signedZerosOnly: () => rng.pick([-0, 0]),
      infinities: () => rng.pick([-Infinity, Infinity, 1, -0]),
    };
    for (const [name, gen] of Object.entries(shapes)) {
      // two groups interleaved, so each group's slice is built by the scatter
      const keys = Array.from({ length: n }, (_, i) => i % 2);
      const vals = Array.from({ length: n }, (_, i) => gen(i));
      const grouping = groupIds([makeColumn(dtypes.int32, keys)]);
      const column = makeColumn(dtypes.float64, vals);
      const sortedOf = (g: number) => Float64Array.from(vals.filter((_, i) => keys[i] === g)).sort();
      for (const q of [0, 0.001, 0.25, 0.5, 0.77, 1]) {
        const got = columnToValues(holisticKernels.quantile.whole(column, grouping, "quantile(v)", { q }));
        const want = [0, 1].map((g) => {
          const s = sortedOf(g), pos = q * (s.length - 1), i = Math.floor(pos), t = pos - i;
          const a = s[i], b = s[Math.min(i + 1, s.length - 1)];
          return a === b ? a : t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
        });
        got.forEach((v, g) => expect(Object.is(v, want[g]), `${name} q=${q} group ${g}: ${String(v)} vs ${want[g]}`).toBe(true));
      }
      for (const size of [n, n - 2]) { // even and odd counts
        const m = columnToValues(holisticKernels.median.whole(sliceColumn(column, 0, size - (size === n ? 0 : 1)), groupIds([makeColumn(dtypes.int32, keys.slice(0, size - (size === n ? 0 : 1)))]), "median(v)"));
        m.forEach((v, g) => {
          const s = Float64Array.from(vals.slice(0, size - (size === n ? 0 : 1)).filter((_, i) => keys[i] === g)).sort();
          const h = s.length >> 1;
          const want = s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
          expect(Object.is(v, want), `${name} median of ${s.length} values, group ${g}: ${String(v)} vs ${want}`).toBe(true);
        });
      }
    }
  });

  it("skips NaN and nulls; a group of neither gives null; the median of an even count is the mean of the middle two", () => {
    const g = groupIds([makeColumn(dtypes.utf8, ["a", "a", "a", "a", "b", "b", "c"])]);
    const v = makeColumn(dtypes.float64, [4, NaN, 1, 2, null, NaN, 1e308]);
    expect(columnToValues(holisticKernels.median.whole(v, g, "median(v)"))).toEqual([2, null, 1e308]);
    const w = makeColumn(dtypes.float64, [1e308, 1.5e308, 0, 0, 0, 0, 0]);
    const g2 = groupIds([makeColumn(dtypes.int32, [1, 1, 2, 2, 2, 2, 2])]);
    expect(columnToValues(holisticKernels.median.whole(w, g2, "median(v)"))).toEqual([1.25e308, 0]);
    expect(columnToValues(holisticKernels.quantile.whole(v, g, "quantile(v)", { q: 0.5 }))).toEqual([2, null, 1e308]);
  });

  it("refuse text and dates, naming the expression", () => {
    const g = groupIds([makeColumn(dtypes.int32, [1])]);
    expectDuskError(() => holisticKernels.median.whole(makeColumn(dtypes.utf8, ["x"]), g, "median(name)"), "TYPE_MISMATCH", ["median(name): median needs a numeric or bool column, got utf8"]);
    expectDuskError(() => holisticKernels.quantile.whole(makeColumn(dtypes.int32, [1]), g, "quantile(v)", { q: 2 }), "INVALID_ARGUMENT", ["q between 0 and 1"]);
  });
});

describe("nunique", () => {
  const types: DType[] = [dtypes.bool, dtypes.int32, dtypes.int64, dtypes.float64, dtypes.utf8, dtypes.date32];
  for (const t of types) {
    it(`counts distinct non-null values per group for ${formatDType(t)}`, () => {
      const rng = seeded(t.kind.length * 53 + 1);
      for (const n of [0, 7, 2000]) {
        const { grouping, members } = grouped(rng, n, rng.pick([1, 5, 300]));
        const layout = t.kind === "utf8" ? rng.pick(["utf8", "dict", "dict-dup"] as const) : "utf8";
        const { column, values } = randomColumn(rng, t, { length: n, distinct: rng.pick([2, 30, 500]), nullFraction: 0.1, layout });
        const key = (v: ScalarValue): string | null =>
          v === null || (typeof v === "number" && Number.isNaN(v)) ? null : typeof v === "number" && v === 0 ? "0" : `${typeof v}:${String(v)}`;
        const expected = members.map((rows) => BigInt(new Set(rows.map((i) => key(values[i])).filter((k) => k !== null)).size));
        expect(columnToValues(holisticKernels.nunique.whole(column, grouping, "nunique(v)"))).toEqual(expected);
      }
    });
  }
});

describe("corr and cov", () => {
  function reference(xs: (number | null)[], ys: (number | null)[], rows: number[], ddof: number): { corr: number | null; cov: number | null } {
    const pairs = rows.map((i) => [xs[i], ys[i]] as const)
      .filter(([x, y]) => x !== null && y !== null && !Number.isNaN(x) && !Number.isNaN(y)) as [number, number][];
    const n = pairs.length;
    if (n === 0) return { corr: null, cov: null };
    const mx = pairs.reduce((s, p) => s + p[0], 0) / n, my = pairs.reduce((s, p) => s + p[1], 0) / n;
    let sxx = 0, syy = 0, sxy = 0;
    for (const [x, y] of pairs) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
    return { corr: n < 2 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy), cov: n <= ddof ? null : sxy / (n - ddof) };
  }

  function splitRun(fn: "corr" | "cov", x: Column, y: Column, keys: Column, parts: number, ddof: number): ScalarValue[] {
    const k = aggKernels[fn];
    const n = x.length;
    const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * n) / parts));
    const stateCols: Column[][] = [];
    const keyParts: Column[] = [];
    for (let p = 0; p < parts; p++) {
      const [lo, hi] = [bounds[p], bounds[p + 1]];
      const kp = sliceColumn(keys, lo, hi);
      const g = groupIds([kp]);
      stateCols.push(k.partial(sliceColumn(x, lo, hi), g, fn, sliceColumn(y, lo, hi)));
      keyParts.push(take(kp, g.firstRow));
    }
    const allKeys = concatColumns(keyParts, keys.dtype);
    const states = stateCols[0].map((_, j) => concatColumns(stateCols.map((s) => s[j]), stateCols[0][j].dtype));
    const g = groupIds([allKeys]);
    const merged = k.combine(states, g, fn);
    const finals = columnToValues(k.finalize(merged, fn, { ddof }));
    // back into first-seen key order of the whole input
    const whole = groupIds([keys]);
    const byKey = new Map(columnToValues(take(allKeys, g.firstRow)).map((v, i) => [String(v), finals[i]]));
    return columnToValues(take(keys, whole.firstRow)).map((v) => byKey.get(String(v)) ?? null);
  }

  it("equal a two-pass reference on any split into partitions, values far from zero included", () => {
    const rng = seeded(99);
    for (const n of [0, 1, 2, 40, 3000]) {
      const keys = randomColumn(rng, dtypes.int32, { length: n, distinct: rng.pick([1, 4, 200]), skew: 0.5, nullFraction: 0, specials: false });
      const offset = rng.pick([0, 1e9]);
      const xv = Array.from({ length: n }, () => (rng.chance(0.05) ? null : rng.chance(0.02) ? NaN : offset + rng.next()));
      const yv = xv.map((x) => (rng.chance(0.05) ? null : (x ?? 0) * 2 + rng.next() - offset));
      const x = makeColumn(dtypes.float64, xv), y = makeColumn(dtypes.float64, yv);
      const whole = groupIds([keys.column]);
      const members: number[][] = Array.from({ length: whole.ngroups }, () => []);
      whole.ids.forEach((g, i) => members[g].push(i));
      for (const ddof of [1, 0]) {
        const ref = members.map((rows) => reference(xv, yv, rows, ddof));
        for (const parts of [1, 3, 7]) {
          if (parts > 1 && n < parts) continue;
          for (const fn of ["corr", "cov"] as const) {
            const got = splitRun(fn, x, y, keys.column, parts, ddof);
            got.forEach((v, g) => {
              const e = ref[g][fn];
              if (e === null) expect(v).toBeNull();
              else expect(v as number, `${fn} n=${n} parts=${parts} ddof=${ddof} group ${g}`).toBeCloseTo(e, fn === "corr" ? 9 : 6);
            });
          }
        }
      }
    }
  });

  it("accept ints and bools, refuse text, and need the second input", () => {
    const g = groupIds([makeColumn(dtypes.int32, [1, 1, 1])]);
    const x = makeColumn(dtypes.int64, [1n, 2n, 3n]), y = makeColumn(dtypes.bool, [false, true, true]);
    const r = columnToValues(aggKernels.corr.finalize(aggKernels.corr.partial(x, g, "corr(x, y)", y), "corr(x, y)"))[0] as number;
    expect(r).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expectDuskError(() => aggKernels.corr.partial(makeColumn(dtypes.utf8, ["a"]), groupIds([makeColumn(dtypes.int32, [1])]), "corr(s, y)", makeColumn(dtypes.int32, [1])), "TYPE_MISMATCH", ["corr(s, y): corr needs two numeric or bool columns, got utf8"]);
    expectDuskError(() => aggKernels.cov.partial(x, g, "cov(x)"), "TYPE_MISMATCH", ["cov(x): cov needs two numeric or bool columns, got no input column"]);
  });

  it("are not holistic; median, quantile and nunique are", () => {
    expect(["corr", "cov", "sum"].map(isHolistic)).toEqual([false, false, false]);
    expect(["median", "quantile", "nunique"].map(isHolistic)).toEqual([true, true, true]);
  });
});
