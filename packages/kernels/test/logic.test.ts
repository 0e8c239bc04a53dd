import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { and, columnFromValues, not, or, type BoolColumn, type Operand, type ScalarValue } from "@dusk/kernels";
import { expectColumn, expectDuskError } from "./helpers/expect.js";
import { LENGTHS, Rng, SEEDS, makeColumn, randomValues } from "./helpers/random.js";

type B = boolean | null;

/** Kleene logic, spelled out as the SQL truth tables. */
function refAnd(a: B, b: B): B {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}
function refOr(a: B, b: B): B {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

const SHAPES = ["cc", "cs", "sc", "ss"] as const;

describe("and / or / not against the truth tables", () => {
  it("covers the full 3×3 table", () => {
    const vals: B[] = [true, false, null];
    const a = vals.flatMap((x) => vals.map(() => x));
    const b = vals.flatMap(() => vals);
    const ca = columnFromValues(dtypes.bool, a), cb = columnFromValues(dtypes.bool, b);
    expectColumn(and(ca, cb, 9), a.map((x, i) => refAnd(x, b[i])));
    expectColumn(or(ca, cb, 9), a.map((x, i) => refOr(x, b[i])));
    expectColumn(not(ca), a.map((x) => (x === null ? null : !x)));
  });
  it("matches on random columns and scalars, junk under nulls included", () => {
    for (const seed of SEEDS) {
      for (const n of LENGTHS) {
        for (const shape of SHAPES) {
          const rng = new Rng(seed * 100 + n + SHAPES.indexOf(shape) * 7);
          let a = randomValues(rng, dtypes.bool, n, rng.pick([0, 0.2, 0.5])) as B[];
          let b = randomValues(rng, dtypes.bool, n, rng.pick([0, 0.2, 0.5])) as B[];
          let left: Operand = makeColumn(dtypes.bool, a as ScalarValue[], rng);
          let right: Operand = makeColumn(dtypes.bool, b as ScalarValue[], rng);
          if (shape[0] === "s") { const v = rng.pick([true, false, null]); left = { dtype: dtypes.bool, value: v }; a = a.map(() => v); }
          if (shape[1] === "s") { const v = rng.pick([true, false, null]); right = { dtype: dtypes.bool, value: v }; b = b.map(() => v); }
          const label = `${seed} ${n} ${shape}`;
          const r1 = and(left, right, n), r2 = or(left, right, n);
          expectColumn(r1, a.map((x, i) => refAnd(x, b[i])), label);
          expectColumn(r2, a.map((x, i) => refOr(x, b[i])), label);
          for (const r of [r1, r2]) expect(r.values.every((v, i) => v === 0 || (v === 1 && (r.validity === null || ((r.validity[i >> 3] >> (i & 7)) & 1) === 1)))).toBe(true);
          if (shape[0] === "c") expectColumn(not(left as BoolColumn), a.map((x) => (x === null ? null : !x)), label);
        }
      }
    }
  });
  it("refuses non-bool operands", () => {
    expectDuskError(() => and(columnFromValues(dtypes.int32, [1]), { dtype: dtypes.bool, value: true }, 1), "TYPE_MISMATCH", ["int32"]);
    expectDuskError(() => not(columnFromValues(dtypes.utf8, ["x"])), "TYPE_MISMATCH", ["utf8"]);
  });
});
