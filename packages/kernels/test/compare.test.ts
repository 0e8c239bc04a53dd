import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import {
  columnFromValues, compare, type BoolColumn, type Column, type CompareOp, type DictColumn, type Operand, type ScalarValue, type Utf8Column,
} from "@dusk/kernels";
import { expectColumn, expectDuskError } from "./helpers/expect.js";
import { ALL_DTYPES, LENGTHS, Rng, SEEDS, asDict, makeColumn, randomValue, randomValues } from "./helpers/random.js";

const OPS: readonly CompareOp[] = ["eq", "ne", "lt", "le", "gt", "ge"];

/** Code point order, which JS's own string `<` (UTF-16 units) does not give above U+FFFF. */
function cmpStrings(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!), y = [...b].map((c) => c.codePointAt(0)!);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k] - y[k];
  return x.length - y.length;
}

function refCompare(op: CompareOp, a: ScalarValue, b: ScalarValue): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a === "string") {
    const c = cmpStrings(a, b as string);
    return op === "eq" ? c === 0 : op === "ne" ? c !== 0 : op === "lt" ? c < 0 : op === "le" ? c <= 0 : op === "gt" ? c > 0 : c >= 0;
  }
  const x = a as number | bigint | boolean, y = b as number | bigint | boolean;
  switch (op) {
    case "eq": return x === y;
    case "ne": return x !== y;
    case "lt": return x < y;
    case "le": return x <= y;
    case "gt": return x > y;
    case "ge": return x >= y;
  }
}

/** Bool results are 0/1 bytes, 0 under null rows. */
function expectWellFormed(c: BoolColumn): void {
  let bad = -1;
  for (let i = 0; i < c.length && bad < 0; i++) {
    const valid = c.validity === null || ((c.validity[i >> 3] >> (i & 7)) & 1) === 1;
    if (!(c.values[i] === 0 || (valid && c.values[i] === 1))) bad = i;
  }
  expect(bad, "row with a value other than 0/1, or non-zero under null").toBe(-1);
}

type Shape = "cc" | "cs" | "sc" | "ss";
const SHAPES: readonly Shape[] = ["cc", "cs", "sc", "ss"];

/** A column of `values` in one of the layouts a dtype allows (utf8: plain, dict, messy dict). */
function layoutColumn(d: DType, values: ScalarValue[], rng: Rng, layout: number): Column {
  const c = makeColumn(d, values, rng);
  if (d.kind !== "utf8" || layout === 0) return c;
  return asDict(c as Utf8Column, rng, layout === 2);
}

describe("compare against a row-by-row reference", () => {
  for (const d of ALL_DTYPES) {
    it(`${d.kind}${d.kind === "timestamp" ? `[${d.unit}]` : ""}`, () => {
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          for (const shape of SHAPES) {
            for (const layout of d.kind === "utf8" ? [0, 1, 2] : [0]) {
              const rng = new Rng(seed * 1000 + n * 7 + SHAPES.indexOf(shape) * 3 + layout);
              // few distinct values so that equal pairs are common
              const pool = Array.from({ length: 6 }, () => randomValue(rng, d));
              const draw = (): ScalarValue[] => Array.from({ length: n }, () => (rng.chance(0.2) ? null : rng.chance(0.5) ? rng.pick(pool) : randomValue(rng, d)));
              let a = draw(), b = draw();
              let left: Operand = layoutColumn(d, a, rng, layout);
              let right: Operand = layoutColumn(d, b, rng, rng.int(0, 2) * (layout === 0 ? 0 : 1));
              if (shape[0] === "s") { const v = rng.chance(0.1) ? null : rng.pick(pool); left = { dtype: d, value: v }; a = a.map(() => v); }
              if (shape[1] === "s") { const v = rng.chance(0.1) ? null : rng.pick(pool); right = { dtype: d, value: v }; b = b.map(() => v); }
              for (const op of OPS) {
                const got = compare(op, left, right, n);
                expectColumn(got, a.map((x, i) => refCompare(op, x, b[i])), `${op} seed ${seed} n ${n} ${shape} layout ${layout}`);
                expectWellFormed(got);
              }
            }
          }
        }
      }
    });
  }
});

describe("compare fast paths and edges", () => {
  it("dictionary columns sharing a dictionary (with duplicate entries) compare by value", () => {
    const rng = new Rng(5);
    for (const n of LENGTHS) {
      const a = randomValues(rng, dtypes.utf8, n);
      const da = asDict(makeColumn(dtypes.utf8, a) as Utf8Column, rng, true);
      // b uses the same dictionary object: random codes
      const codes = new Int32Array(n).map(() => rng.int(0, da.dictionary.length - 1));
      const strings = Array.from(codes, (k) => new TextDecoder().decode(da.dictionary.data.subarray(da.dictionary.offsets[k], da.dictionary.offsets[k + 1])));
      const b = strings.map((s) => (rng.chance(0.2) ? null : s));
      const validity = makeColumn(dtypes.utf8, b).validity;
      const db: DictColumn = { layout: "dict", dtype: dtypes.utf8, length: n, codes, dictionary: da.dictionary, validity };
      for (const op of OPS) expectColumn(compare(op, da, db, n), a.map((x, i) => refCompare(op, x, b[i])), `${op} ${n}`);
    }
  });
  it("float NaN compares false except ne; -0 equals 0", () => {
    const f = columnFromValues(dtypes.float64, [0, -0, 1]);
    const nan: Operand = { dtype: dtypes.float64, value: NaN };
    expectColumn(compare("eq", f, nan, 3), [false, false, false]);
    expectColumn(compare("ne", f, nan, 3), [true, true, true]);
    expectColumn(compare("lt", nan, f, 3), [false, false, false]);
    expectColumn(compare("eq", f, { dtype: dtypes.float64, value: -0 }, 3), [true, true, false]);
  });
  it("int64 and uint64 compare exactly beyond 2^53 and across the sign bit", () => {
    const i = columnFromValues(dtypes.int64, [2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, -1n]);
    expectColumn(compare("lt", i, { dtype: dtypes.int64, value: 2n ** 53n + 1n }, 5), [true, false, true, false, true]);
    const u = columnFromValues(dtypes.uint64, [2n ** 63n, 2n ** 63n - 1n, 2n ** 64n - 1n, 0n]);
    expectColumn(compare("gt", u, { dtype: dtypes.uint64, value: 2n ** 63n - 1n }, 4), [true, false, true, false]);
  });
  it("null scalars, empty and all-null columns", () => {
    const c = columnFromValues(dtypes.int32, [1, 2]);
    expectColumn(compare("eq", c, { dtype: dtypes.int32, value: null }, 2), [null, null]);
    expectColumn(compare("eq", columnFromValues(dtypes.utf8, []), { dtype: dtypes.utf8, value: "a" }, 0), []);
    const allNull = columnFromValues(dtypes.utf8, [null, null]);
    expectColumn(compare("lt", allNull, { dtype: dtypes.utf8, value: "a" }, 2), [null, null]);
    expectColumn(compare("lt", asDict(allNull as Utf8Column, new Rng(1)), { dtype: dtypes.utf8, value: "a" }, 2), [null, null]);
  });
  it("refuses operands of different families", () => {
    expectDuskError(() => compare("eq", columnFromValues(dtypes.int64, [1n]), columnFromValues(dtypes.utf8, ["1"]), 1), "TYPE_MISMATCH", ["int64", "utf8"]);
  });
});
