import { describe, expect, it } from "vitest";
import { dtypes, intRange, type DType, type IntKind } from "@dusk/core";
import { arith, columnFromValues, negate, type ArithOp, type Operand, type PrimitiveColumn, type ScalarValue } from "@dusk/kernels";
import { expectColumn, expectDuskError, expectZeroUnderNulls } from "./helpers/expect.js";
import { INT_KINDS, LENGTHS, Rng, SEEDS, makeColumn, randomValue, randomValues, type Mix } from "./helpers/random.js";

type Case = { op: ArithOp; left: DType; right: DType; out: DType };

const range = (d: DType): readonly [bigint, bigint] =>
  d.kind === "date32" ? intRange("int32") : d.kind === "timestamp" ? intRange("int64") : intRange(d.kind as IntKind);
const isIntStored = (d: DType): boolean => d.kind !== "float32" && d.kind !== "float64";

const CASES: Case[] = [];
for (const k of INT_KINDS) {
  const t = dtypes[k];
  for (const op of ["add", "sub", "mul", "mod"] as const) CASES.push({ op, left: t, right: t, out: t });
  for (const op of ["div", "pow"] as const) CASES.push({ op, left: t, right: t, out: dtypes.float64 });
}
for (const t of [dtypes.float32, dtypes.float64]) {
  for (const op of ["add", "sub", "mul", "div", "mod", "pow"] as const) CASES.push({ op, left: t, right: t, out: t });
}
const ts = dtypes.timestamp("ns");
CASES.push(
  { op: "add", left: dtypes.date32, right: dtypes.int32, out: dtypes.date32 },
  { op: "sub", left: dtypes.date32, right: dtypes.date32, out: dtypes.int32 },
  { op: "add", left: ts, right: dtypes.int64, out: ts },
  { op: "sub", left: ts, right: ts, out: dtypes.int64 },
  { op: "mul", left: dtypes.int32, right: dtypes.int32, out: dtypes.float64 },
  { op: "div", left: dtypes.float32, right: dtypes.float64, out: dtypes.float64 },
);

function floorMod(a: number, b: number): number {
  if (b === 0) return NaN;
  let r = a % b;
  if (r !== 0) { if ((b < 0) !== (r < 0)) r += b; } else r = b < 0 ? -0 : 0;
  return r;
}

type Ref = { values: ScalarValue[] } | { overflow: { row: number; a: bigint; b: bigint } };

/** Row-by-row reference: BigInt for integers, doubles (rounded to the output) for floats. */
function reference(c: Case, a: readonly ScalarValue[], b: readonly ScalarValue[]): Ref {
  const out: ScalarValue[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === null || y === null) { out.push(null); continue; }
    if (!isIntStored(c.out)) {
      const p = Number(x), q = Number(y);
      const r = c.op === "add" ? p + q : c.op === "sub" ? p - q : c.op === "mul" ? p * q : c.op === "div" ? p / q
        : c.op === "pow" ? Math.pow(p, q) : floorMod(p, q);
      out.push(c.out.kind === "float32" ? Math.fround(r) : r);
      continue;
    }
    const p = BigInt(x as number | bigint), q = BigInt(y as number | bigint);
    let r: bigint;
    if (c.op === "mod") {
      if (q === 0n) { out.push(null); continue; }
      r = p % q;
      if (r !== 0n && (r < 0n) !== (q < 0n)) r += q;
    } else r = c.op === "add" ? p + q : c.op === "sub" ? p - q : p * q;
    const [lo, hi] = range(c.out);
    if (r < lo || r > hi) return { overflow: { row: i, a: p, b: q } };
    out.push(c.out.kind === "int64" || c.out.kind === "uint64" || c.out.kind === "timestamp" ? r : Number(r));
  }
  return { values: out };
}

/** Values that exercise the int64 paths: around ±2^32, ±2^53 and the full range. */
function valuesFor(rng: Rng, d: DType, n: number, mix: Mix | "mid"): ScalarValue[] {
  if (mix !== "mid" || !isIntStored(d)) return randomValues(rng, d, n, 0.2, mix === "mid" ? "any" : mix);
  const [lo, hi] = range(d);
  const m = 2n ** BigInt(rng.int(8, 40));
  const a = lo > -m ? lo : -m, b = hi < m ? hi : m;
  return Array.from({ length: n }, () => {
    if (rng.chance(0.2)) return null;
    const v = rng.bigint(a, b);
    return d.kind === "int64" || d.kind === "uint64" || d.kind === "timestamp" ? v : Number(v);
  });
}

const SHAPES = ["cc", "sc", "cs", "ss"] as const;
const SYM: Record<string, string> = { add: "+", sub: "-", mul: "*", mod: "%" };

describe("arith against a row-by-row reference", () => {
  for (const c of CASES) {
    it(`${c.left.kind} ${c.op} ${c.right.kind} → ${c.out.kind}`, () => {
      const seen = { ok: 0, overflow: 0 };
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          for (const shape of SHAPES) {
            const rng = new Rng(seed * 7919 + n * 31 + SHAPES.indexOf(shape));
            const mix = rng.pick(["small", "any", "edge", "mid"] as const);
            let a = valuesFor(rng, c.left, n, mix);
            let b = valuesFor(rng, c.right, n, mix);
            let left: Operand = makeColumn(c.left, a, rng);
            let right: Operand = makeColumn(c.right, b, rng);
            if (shape[0] === "s") {
              const v = rng.chance(0.1) ? null : randomValue(rng, c.left, mix === "mid" ? "small" : mix);
              left = { dtype: c.left, value: v };
              a = a.map(() => v);
            }
            if (shape[1] === "s") {
              const v = rng.chance(0.1) ? null : randomValue(rng, c.right, mix === "mid" ? "small" : mix);
              right = { dtype: c.right, value: v };
              b = b.map(() => v);
            }
            const label = `seed ${seed} n ${n} ${shape} ${mix}`;
            const ref = reference(c, a, b);
            const where = `col(a) ${c.op} col(b)`;
            seen["overflow" in ref ? "overflow" : "ok"]++;
            if ("overflow" in ref) {
              const { row, a: x, b: y } = ref.overflow;
              expectDuskError(() => arith(c.op, left, right, c.out, n, where), "INT_OVERFLOW",
                [where, `row ${row}:`, `${x} ${SYM[c.op]} ${y}`, "cast to"], label);
            } else {
              const got = arith(c.op, left, right, c.out, n, where);
              expectColumn(got, ref.values, label);
              expectZeroUnderNulls(got, label);
            }
          }
        }
      }
      // the data reach both outcomes wherever overflow is possible
      expect(seen.ok).toBeGreaterThan(10);
      if (isIntStored(c.out) && c.op !== "mod") expect(seen.overflow).toBeGreaterThan(3);
    });
  }
});

describe("arith semantics", () => {
  const i32 = (xs: (number | null)[]) => columnFromValues(dtypes.int32, xs);
  const s = (dtype: DType, value: ScalarValue): Operand => ({ dtype, value });
  it("floor modulo takes the sign of the divisor; integer mod 0 is null", () => {
    expectColumn(arith("mod", i32([-7, 7, -7, 7, 5, null]), i32([3, -3, -3, 3, 0, 1]), dtypes.int32, 6), [2, -2, -1, 1, null, null]);
    const f = columnFromValues(dtypes.float64, [-7.5, 7.5, 5, -5, 0, 5]);
    const g = columnFromValues(dtypes.float64, [2, -2, Infinity, Infinity, -3, 0]);
    expectColumn(arith("mod", f, g, dtypes.float64, 6), [0.5, -0.5, 5, Infinity, -0, NaN]);
    expectColumn(arith("mod", columnFromValues(dtypes.int64, [-(2n ** 62n), 2n ** 62n + 1n]), s(dtypes.int64, 0n), dtypes.int64, 2), [null, null]);
    expectColumn(arith("mod", columnFromValues(dtypes.int64, [-(2n ** 62n) - 1n, 7n]), s(dtypes.int64, 2n ** 61n + 3n), dtypes.int64, 2),
      [(-(2n ** 62n) - 1n) % (2n ** 61n + 3n) + 2n ** 61n + 3n, 7n]);
  });
  it("true division gives IEEE results", () => {
    expectColumn(arith("div", i32([1, -1, 0, 7]), s(dtypes.int32, 0), dtypes.float64, 4), [Infinity, -Infinity, NaN, Infinity]);
    expectColumn(arith("div", i32([7]), i32([2]), dtypes.float64, 1), [3.5]);
  });
  it("a null scalar makes everything null; empty columns work", () => {
    expectColumn(arith("add", i32([1, 2]), s(dtypes.int32, null), dtypes.int32, 2), [null, null]);
    expectColumn(arith("add", i32([]), s(dtypes.int32, 1), dtypes.int32, 0), []);
    expectColumn(arith("add", i32([null, null]), i32([1, null]), dtypes.int32, 2), [null, null]);
  });
  it("int64 add/sub are exact over the whole range; values above 2^53 round-trip", () => {
    const big = columnFromValues(dtypes.int64, [2n ** 53n + 1n, -(2n ** 63n) + 1n, 2n ** 62n]);
    expectColumn(arith("add", big, s(dtypes.int64, 1n), dtypes.int64, 3), [2n ** 53n + 2n, -(2n ** 63n) + 2n, 2n ** 62n + 1n]);
    expectColumn(arith("sub", big, s(dtypes.int64, 1n), dtypes.int64, 3), [2n ** 53n, -(2n ** 63n), 2n ** 62n - 1n]);
    expectColumn(arith("mul", big, s(dtypes.int64, 1n), dtypes.int64, 3), [2n ** 53n + 1n, -(2n ** 63n) + 1n, 2n ** 62n]);
    // mul and mod leave the double fast path above 2^53 and stay exact
    const m = columnFromValues(dtypes.int64, [2n ** 40n + 3n, -(2n ** 40n) - 5n, 3n, null]);
    expectColumn(arith("mul", m, s(dtypes.int64, 2n ** 20n + 1n), dtypes.int64, 4),
      [(2n ** 40n + 3n) * (2n ** 20n + 1n), (-(2n ** 40n) - 5n) * (2n ** 20n + 1n), 3n * (2n ** 20n + 1n), null]);
    expectColumn(arith("mod", s(dtypes.int64, 2n ** 62n + 7n), m, dtypes.int64, 4),
      [(2n ** 62n + 7n) % (2n ** 40n + 3n), (2n ** 62n + 7n) % (2n ** 40n + 5n) - (2n ** 40n + 5n), (2n ** 62n + 7n) % 3n, null]);
    const u = columnFromValues(dtypes.uint64, [2n ** 64n - 2n, 2n ** 63n]);
    expectColumn(arith("add", u, s(dtypes.uint64, 1n), dtypes.uint64, 2), [2n ** 64n - 1n, 2n ** 63n + 1n]);
    expectDuskError(() => arith("sub", u, s(dtypes.uint64, 2n ** 63n + 1n), dtypes.uint64, 2, "u - x"), "INT_OVERFLOW",
      ["u - x", "row 1", `${2n ** 63n} - ${2n ** 63n + 1n} = -1`, "uint64"]);
  });
  it("overflow errors name where, row, values and the fix", () => {
    expectDuskError(() => arith("add", i32([1, 2147483647]), i32([1, 1]), dtypes.int32, 2, "col(x) + col(y)"), "INT_OVERFLOW",
      ["col(x) + col(y)", "row 1", "2147483647 + 1 = 2147483648", "int32", "cast to int64 or float64 first"]);
    expectDuskError(() => arith("mul", columnFromValues(dtypes.int64, [2n ** 32n]), s(dtypes.int64, 2n ** 31n), dtypes.int64, 1, "m"), "INT_OVERFLOW",
      ["m: integer overflow at row 0", `${2n ** 32n} * ${2n ** 31n} = ${2n ** 63n}`, "cast to float64"]);
    // an overflowing value under a null row is not an error
    const withNull = makeColumn(dtypes.int8, [null, 1]);
    ((withNull as PrimitiveColumn).values as Int8Array)[0] = 127;
    expectColumn(arith("add", withNull, s(dtypes.int8, 1), dtypes.int8, 2), [null, 2]);
  });
});

describe("negate", () => {
  it("matches a BigInt reference for every numeric dtype", () => {
    for (const k of [...INT_KINDS, "float32", "float64"] as const) {
      const d = dtypes[k];
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          const rng = new Rng(seed * 100 + n);
          const vals = randomValues(rng, d, n, 0.2, rng.pick(["small", "any"] as const));
          const col = makeColumn(d, vals, rng);
          let bad = -1;
          const want = vals.map((v, i) => {
            if (v === null) return null;
            if (typeof v === "number" && (k === "float32" || k === "float64")) return -v;
            const r = -BigInt(v as number | bigint);
            const [lo, hi] = intRange(k as IntKind);
            if ((r < lo || r > hi) && bad < 0) bad = i;
            return k === "int64" || k === "uint64" ? r : Number(r);
          });
          if (bad >= 0) expectDuskError(() => negate(col, "-col(x)"), "INT_OVERFLOW", ["-col(x)", `row ${bad}`, `-(${vals[bad]})`]);
          else expectColumn(negate(col), want, `${k} ${seed} ${n}`);
        }
      }
    }
  });
  it("rejects -(-128) in int8 and non-zero uint; refuses non-numeric columns", () => {
    expectDuskError(() => negate(columnFromValues(dtypes.int8, [1, -128]), "neg"), "INT_OVERFLOW", ["row 1", "-(-128) = 128", "int8"]);
    expectColumn(negate(columnFromValues(dtypes.uint8, [0, null])), [0, null]);
    expectDuskError(() => negate(columnFromValues(dtypes.uint16, [0, 3])), "INT_OVERFLOW", ["row 1"]);
    expectColumn(negate(columnFromValues(dtypes.int64, [-(2n ** 63n) + 1n, 2n ** 53n + 1n, 0n])), [2n ** 63n - 1n, -(2n ** 53n) - 1n, 0n]);
    expectDuskError(() => negate(columnFromValues(dtypes.int64, [-(2n ** 63n)])), "INT_OVERFLOW", ["row 0"]);
    expectDuskError(() => negate(makeColumn(dtypes.date32, [1])), "TYPE_MISMATCH", ["date32"]);
    expect(negate(columnFromValues(dtypes.float64, [])).length).toBe(0);
  });
});
