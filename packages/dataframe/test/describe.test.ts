/** describe() and quantile(): pandas' statistics against plain-JS references, nulls, NaN, empty and many partitions, threads and inline. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Float64, Int32, Table, Utf8, Bool, vectorFromArray } from "apache-arrow";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng } from "@dusk/testing";

type Num = number | null;

/** pandas' linear quantile of the non-null, non-NaN values. */
function q(values: readonly Num[], p: number): number | null {
  const v = values.filter((x): x is number => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const pos = p * (v.length - 1), lo = Math.floor(pos), hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

function stats(values: readonly Num[], ps: readonly number[]): (number | null)[] {
  const v = values.filter((x): x is number => x !== null && !Number.isNaN(x));
  const n = v.length;
  const mean = n === 0 ? null : v.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? null : Math.sqrt(v.reduce((a, b) => a + (b - mean!) ** 2, 0) / (n - 1));
  return [n, mean, std, n ? Math.min(...v) : null, ...ps.map((p) => q(v, p)), n ? Math.max(...v) : null];
}

/** top/freq as describe defines them: the most frequent non-null value, ties to the smallest. */
function topFreq(values: readonly (string | null)[]): [string | null, number | null, number] {
  const counts = new Map<string, number>();
  for (const x of values) if (x !== null) counts.set(x, (counts.get(x) ?? 0) + 1);
  let top: string | null = null, freq = 0;
  for (const [k, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c > freq) { top = k; freq = c; }
  return [top, top === null ? null : freq, counts.size];
}

const rng = new Rng(11);
const N = 500;
const ints = Array.from({ length: N }, () => (rng.chance(0.1) ? null : rng.int(-50, 50)));
const floats = Array.from({ length: N }, () => (rng.chance(0.1) ? null : rng.chance(0.05) ? NaN : rng.int(0, 10_000) / 7));
const words = Array.from({ length: N }, () => (rng.chance(0.15) ? null : rng.pick(["ab", "c", "d", "éé", "zz"])));
const flags = Array.from({ length: N }, () => (rng.chance(0.2) ? null : rng.chance(0.7)));
const allNull = Array.from({ length: N }, (): Num => null);

function frame(npartitions: number): dd.DataFrame {
  const t = new Table({
    i: vectorFromArray(ints, new Int32()),
    f: vectorFromArray(floats, new Float64()),
    w: vectorFromArray(words, new Utf8()),
    b: vectorFromArray(flags, new Bool()),
    z: vectorFromArray(allNull, new Float64()),
  });
  return dd.fromArrow(t, { npartitions });
}

const LABELS = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];

for (const scheduler of ["threads", "inline"] as const) {
  describe(`describe and quantile (${scheduler})`, () => {
    let prev: dd.Config;
    beforeAll(() => { prev = dd.config.set({ scheduler }); });
    afterAll(() => { dd.config.set(prev); });

    for (const nparts of [1, 7, 40, 900]) {
      it(`describe(): numeric columns, ${nparts} partitions (nulls, NaN, an all-null column${nparts > N ? ", empty partitions" : ""})`, async () => {
        const d = frame(nparts).describe();
        expect(d.columns).toEqual(["statistic", "i", "f", "z"]);
        expect(d.dtypes).toEqual({ statistic: "utf8", i: "float64", f: "float64", z: "float64" });
        const ps = [0.25, 0.5, 0.75];
        const expected = { statistic: LABELS, i: stats(ints, ps), f: stats(floats, ps), z: stats(allNull, ps) };
        assertFrameEqual(await d.compute(), expected, { rtol: 1e-9 });
        expect(d.npartitions).toBe(1);
      });
    }

    it("describe({ percentiles }) adds the median and orders them; labels as pandas", async () => {
      const d = frame(5).describe({ percentiles: [0.9, 0.125, 0.999] });
      const ps = [0.125, 0.5, 0.9, 0.999];
      const got = await d.compute();
      assertFrameEqual(got, {
        statistic: ["count", "mean", "std", "min", "12.5%", "50%", "90%", "99.9%", "max"],
        i: stats(ints, ps), f: stats(floats, ps), z: stats(allNull, ps),
      });
    });

    it('describe({ include: "all" }) adds count, unique, top, freq of text and bool columns', async () => {
      const got = await frame(6).describe({ include: "all" }).compute();
      const ps = [0.25, 0.5, 0.75];
      const num = (v: Num[]) => { const s = stats(v, ps); return [s[0], null, null, null, ...s.slice(1)]; };
      const text = (v: (string | null)[]) => {
        const [top, freq, unique] = topFreq(v);
        const count = v.filter((x) => x !== null).length;
        return [String(count), String(unique), top, freq === null ? null : String(freq), null, null, null, null, null, null, null];
      };
      assertFrameEqual(got, {
        statistic: ["count", "unique", "top", "freq", "mean", "std", "min", "25%", "50%", "75%", "max"],
        i: num(ints), f: num(floats), w: text(words),
        b: text(flags.map((x) => (x === null ? null : String(x)))), z: num(allNull),
      });
    });

    it("describe() of a frame without numeric columns describes its text columns", async () => {
      const got = await dd.fromColumns({ w: words }, { npartitions: 3 }).describe().compute();
      const [top, freq, unique] = topFreq(words);
      assertFrameEqual(got, { statistic: ["count", "unique", "top", "freq"], w: [String(words.filter((x) => x !== null).length), String(unique), top, String(freq)] });
    });

    it("describe() reads the data once: one aggregate (plus one value count per text column with include all)", () => {
      const passes = (text: string) => text.slice(text.indexOf("== Physical plan ==")).split("\n")
        .filter((l) => /aggregate-(prepare|partial)/.test(l) && !l.includes("shown above")).length;
      expect(passes(frame(8).describe().explain())).toBe(1);
      expect(passes(frame(8).describe({ include: "all" }).explain())).toBe(3);
      expect(passes(frame(8).quantile([0.1, 0.9]).explain())).toBe(1);
    });

    it("Series.describe()", async () => {
      const got = await frame(4).col("f").describe().compute();
      assertFrameEqual(got, { statistic: LABELS, f: stats(floats, [0.25, 0.5, 0.75]) });
    });

    it("quantile(q[]) and quantile(q): one row per q over every numeric column", async () => {
      const df = frame(9);
      const many = df.quantile([0.1, 0.5, 0.1, 1]);
      expect(many.columns).toEqual(["quantile", "i", "f", "z"]);
      assertFrameEqual(await many.compute(), {
        quantile: [0.1, 0.5, 0.1, 1],
        i: [0.1, 0.5, 0.1, 1].map((p) => q(ints, p)), f: [0.1, 0.5, 0.1, 1].map((p) => q(floats, p)), z: [null, null, null, null],
      });
      assertFrameEqual(await df.quantile(0.3).compute(), { quantile: [0.3], i: [q(ints, 0.3)], f: [q(floats, 0.3)], z: [null] });
    });

    it("an empty frame: count 0, the rest null", async () => {
      const got = await dd.fromColumns({ a: [] as number[] }, { dtypes: { a: "float64" }, npartitions: 2 }).describe().compute();
      assertFrameEqual(got, { statistic: LABELS, a: [0, null, null, null, null, null, null, null] });
    });

    it("bad arguments are INVALID_ARGUMENT", () => {
      expect(() => frame(2).describe({ percentiles: [1.5] })).toThrow(/between 0 and 1/);
      expect(() => frame(2).quantile([])).toThrow(/at least one q/);
      expect(() => dd.fromColumns({ s: ["a"] }).quantile(0.5)).toThrow(/no numeric column/);
      expect(() => dd.fromColumns({ statistic: [1] }).describe()).toThrow(/rename the column "statistic"/);
      expect(() => dd.fromColumns({ quantile: [1] }).quantile(0.5)).toThrow(/rename the column "quantile"/);
    });

    it('a text column named "count" is described too', async () => {
      const got = await dd.fromColumns({ count: ["a", "b", "b", null] }, { npartitions: 2 }).describe().compute();
      assertFrameEqual(got, { statistic: ["count", "unique", "top", "freq"], count: ["3", "2", "b", "2"] });
    });
  });
}
