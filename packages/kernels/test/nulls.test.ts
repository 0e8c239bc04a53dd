import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import {
  columnFromValues, fillNull, isNotNull, isNull, type Column, type DictColumn, type ScalarValue, type Utf8Column,
} from "@dusk/kernels";
import { expectColumn, expectDuskError } from "./helpers/expect.js";
import { ALL_DTYPES, LENGTHS, Rng, SEEDS, asDict, makeColumn, randomValue, randomValues } from "./helpers/random.js";

function layouts(d: DType, values: ScalarValue[], rng: Rng): Column[] {
  const c = makeColumn(d, values, rng);
  return d.kind === "utf8" ? [c, asDict(c as Utf8Column, rng), asDict(c as Utf8Column, rng, true)] : [c];
}

describe("isNull / isNotNull", () => {
  it("read the validity of every dtype and layout, never null", () => {
    for (const d of ALL_DTYPES) {
      for (const n of LENGTHS) {
        const rng = new Rng(n + 1);
        const values = randomValues(rng, d, n, rng.pick([0, 0.2, 1]));
        for (const c of layouts(d, values, rng)) {
          expectColumn(isNull(c), values.map((v) => v === null), `${d.kind} ${n}`);
          expectColumn(isNotNull(c), values.map((v) => v !== null), `${d.kind} ${n}`);
          expect(isNull(c).validity).toBe(null);
        }
      }
    }
  });
});

describe("fillNull against a row-by-row reference", () => {
  for (const d of ALL_DTYPES) {
    it(`${d.kind}${d.kind === "timestamp" ? `[${d.unit}]` : ""}`, () => {
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          const rng = new Rng(seed * 31 + n);
          const values = randomValues(rng, d, n, rng.pick([0.2, 0.2, 1]));
          const fills = randomValues(rng, d, n, 0.3);
          const fillLayouts = layouts(d, fills, rng);
          for (const c of layouts(d, values, rng)) {
            const scalar = randomValue(rng, d);
            expectColumn(fillNull(c, { dtype: d, value: scalar }), values.map((v) => (v === null ? scalar : v)), `${d.kind} ${seed} ${n} scalar`);
            expectColumn(fillNull(c, { dtype: d, value: null }), values, "null scalar");
            for (const f of fillLayouts) {
              expectColumn(fillNull(c, f), values.map((v, i) => (v === null ? fills[i] : v)), `${d.kind} ${seed} ${n} column ${c.layout}/${f.layout}`);
            }
          }
        }
      }
    });
  }
  it("a dictionary column reuses the code of a known string and extends a copy of the dictionary otherwise", () => {
    const c = asDict(columnFromValues(dtypes.utf8, ["a", null, "b", null]) as Utf8Column, new Rng(1));
    const known = fillNull(c, { dtype: dtypes.utf8, value: "b" }) as DictColumn;
    expect(known.layout).toBe("dict");
    expect(known.dictionary).toBe(c.dictionary);
    expectColumn(known, ["a", "b", "b", "b"]);
    const fresh = fillNull(c, { dtype: dtypes.utf8, value: "zé" }) as DictColumn;
    expect(fresh.layout).toBe("dict");
    expect(fresh.dictionary.length).toBe(c.dictionary.length + 1);
    expect(c.dictionary.length).toBe(2);
    expectColumn(fresh, ["a", "zé", "b", "zé"]);
    expectColumn(c, ["a", null, "b", null]);
  });
  it("keeps columns without nulls and leaves rows null in both null", () => {
    const c = columnFromValues(dtypes.int32, [1, 2]);
    expect(fillNull(c, { dtype: dtypes.int32, value: 0 })).toBe(c);
    const a = columnFromValues(dtypes.float64, [null, null, 3]), b = columnFromValues(dtypes.float64, [1, null, null]);
    expectColumn(fillNull(a, b), [1, null, 3]);
    expectColumn(fillNull(columnFromValues(dtypes.int64, []), { dtype: dtypes.int64, value: 1n }), []);
    expectColumn(fillNull(columnFromValues(dtypes.int64, [null, 2n ** 60n]), { dtype: dtypes.int64, value: 2n ** 53n + 1n }), [2n ** 53n + 1n, 2n ** 60n]);
  });
  it("refuses a fill of another dtype", () => {
    expectDuskError(() => fillNull(columnFromValues(dtypes.int32, [null]), { dtype: dtypes.utf8, value: "x" }, "fillNull(col(a))"),
      "TYPE_MISMATCH", ["fillNull(col(a))", "utf8", "int32"]);
  });
});
