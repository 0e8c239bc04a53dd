import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import { columnFromValues, isIn, type Column, type Scalar, type ScalarValue, type Utf8Column } from "@dusk/kernels";
import { expectColumn } from "./helpers/expect.js";
import { ALL_DTYPES, LENGTHS, Rng, SEEDS, asDict, makeColumn, randomValue } from "./helpers/random.js";

/** pandas isin: SameValueZero membership (NaN matches NaN, 0 matches -0); null rows match a null value. */
function refIsIn(values: readonly ScalarValue[], set: readonly ScalarValue[]): boolean[] {
  return values.map((v) => set.includes(v));
}

function layouts(d: DType, values: ScalarValue[], rng: Rng): Column[] {
  const c = makeColumn(d, values, rng);
  return d.kind === "utf8" ? [c, asDict(c as Utf8Column, rng), asDict(c as Utf8Column, rng, true)] : [c];
}

describe("isIn against a row-by-row reference", () => {
  for (const d of ALL_DTYPES) {
    it(`${d.kind}${d.kind === "timestamp" ? `[${d.unit}]` : ""}`, () => {
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          const rng = new Rng(seed * 97 + n);
          const pool = Array.from({ length: 12 }, () => randomValue(rng, d));
          if (d.kind === "float32" || d.kind === "float64") pool.push(NaN, 0, -0);
          const values = Array.from({ length: n }, () => (rng.chance(0.2) ? null : rng.chance(0.6) ? rng.pick(pool) : randomValue(rng, d)));
          for (const size of [0, 1, 3, 8, 9, 40]) {
            const set: ScalarValue[] = Array.from({ length: size }, () => (rng.chance(0.5) ? rng.pick(pool) : randomValue(rng, d)));
            if (rng.chance(0.3)) set.push(null);
            const scalars: Scalar[] = set.map((value) => ({ dtype: d, value }));
            for (const c of layouts(d, values, rng)) {
              const got = isIn(c, scalars);
              expect(got.validity).toBe(null);
              expectColumn(got, refIsIn(values, set), `${d.kind} seed ${seed} n ${n} size ${size} ${c.layout}`);
            }
          }
        }
      }
    });
  }
  it("never aliases values the column cannot hold", () => {
    const c = columnFromValues(dtypes.int32, [-1, 1, 0]);
    const set = [4294967295, 1.5, 2 ** 40, ...Array.from({ length: 10 }, (_, k) => 100 + k)].map((value) => ({ dtype: dtypes.int32, value }));
    expectColumn(isIn(c, set), [false, false, false]);
    const u = columnFromValues(dtypes.uint32, [4294967295, 1]);
    expectColumn(isIn(u, [-1, ...Array.from({ length: 10 }, (_, k) => 100 + k)].map((value) => ({ dtype: dtypes.uint32, value }))), [false, false]);
  });
  it("matches int64 values beyond 2^53 exactly", () => {
    const c = columnFromValues(dtypes.int64, [2n ** 53n, 2n ** 53n + 1n, null]);
    expectColumn(isIn(c, [{ dtype: dtypes.int64, value: 2n ** 53n + 1n }]), [false, true, false]);
  });
});
