import { describe, expect, it } from "vitest";
import { dtypes, formatDType, intRange, type DType, type IntKind, type TimeUnit } from "@dusk/core";
import { cast, columnFromValues, columnToValues, type Column, type ScalarValue, type Utf8Column } from "@dusk/kernels";
import { expectColumn, expectDuskError } from "./helpers/expect.js";
import { ALL_DTYPES, LENGTHS, Rng, SEEDS, asDict, makeColumn, randomValue, randomValues } from "./helpers/random.js";
import { floorDiv, isShortestFloat32, refText } from "./helpers/reference-format.js";

const UPS: Record<TimeUnit, bigint> = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };
const I64 = intRange("int64"), I32 = intRange("int32");

const isInt = (d: DType): boolean => ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"].includes(d.kind);
const isFloatT = (d: DType): boolean => d.kind === "float32" || d.kind === "float64";
const isTime = (d: DType): boolean => d.kind === "date32" || d.kind === "timestamp";
const wide = (d: DType): boolean => d.kind === "int64" || d.kind === "uint64" || d.kind === "timestamp";
const rangeOf = (d: DType): readonly [bigint, bigint] => (d.kind === "date32" ? I32 : d.kind === "timestamp" ? I64 : intRange(d.kind as IntKind));

const unsupported = (from: DType, to: DType): boolean =>
  (isTime(from) && (isFloatT(to) || to.kind === "bool")) || (isTime(to) && (isFloatT(from) || from.kind === "bool"));

type Ref = { ok: ScalarValue } | { fail: true } | "unsupported";

/** What casting one non-null value must give, computed with BigInt and plain JS. */
function refCast(v: Exclude<ScalarValue, null>, from: DType, to: DType): Ref {
  if (unsupported(from, to)) return "unsupported";
  const storedInt = (b: bigint): Ref => {
    const [lo, hi] = rangeOf(to);
    return b < lo || b > hi ? { fail: true } : { ok: wide(to) ? b : Number(b) };
  };
  // exact integer value of the source, when it has one
  let big: bigint | null = null;
  if (from.kind === "bool") big = v ? 1n : 0n;
  else if (isInt(from) || isTime(from)) big = BigInt(v as number | bigint);
  if (from.kind === "date32" && to.kind === "timestamp") return storedInt(big! * 86400n * UPS[to.unit]);
  if (from.kind === "timestamp" && to.kind === "date32") return storedInt(floorDiv(big!, UPS[from.unit] * 86400n));
  if (from.kind === "timestamp" && to.kind === "timestamp") {
    const a = UPS[from.unit], b = UPS[to.unit];
    return storedInt(b >= a ? big! * (b / a) : floorDiv(big!, a / b));
  }
  switch (to.kind) {
    case "bool":
      if (big !== null) return { ok: big !== 0n };
      return Number.isNaN(v) ? { fail: true } : { ok: v !== 0 };
    case "float32": case "float64": {
      const x = big !== null ? Number(big) : (v as number);
      return { ok: to.kind === "float32" ? Math.fround(x) : x };
    }
    default: {
      if (big !== null) return storedInt(big);
      const x = v as number;
      return Number.isFinite(x) ? storedInt(BigInt(Math.trunc(x))) : { fail: true };
    }
  }
}

/** The text a CAST_FAILED message shows for a source value. */
const valueText = (v: ScalarValue, from: DType): string => (from.kind === "utf8" ? JSON.stringify(v) : String(v));

const NON_UTF8 = ALL_DTYPES.filter((d) => d.kind !== "utf8");
const name = (d: DType): string => formatDType(d);

describe("cast between non-text dtypes against a BigInt reference", () => {
  for (const from of NON_UTF8) {
    it(`from ${name(from)}`, () => {
      for (const to of NON_UTF8) {
        for (const seed of SEEDS.slice(0, 2)) {
          for (const n of LENGTHS) {
            const rng = new Rng(seed * 1013 + n + ALL_DTYPES.indexOf(to) * 17);
            const values = randomValues(rng, from, n, 0.2, rng.pick(["small", "any", "edge"] as const));
            const col = makeColumn(from, values, rng);
            const where = `cast(col(x), ${name(to)})`;
            const label = `${name(from)} → ${name(to)} seed ${seed} n ${n}`;
            const refs = values.map((v) => (v === null ? { ok: null } : refCast(v, from, to)));
            if (unsupported(from, to)) {
              expectDuskError(() => cast(col, to, where), "TYPE_MISMATCH", [where, name(from), name(to)], label);
              continue;
            }
            const bad = refs.findIndex((r) => r !== "unsupported" && "fail" in r);
            if (bad >= 0) {
              expectDuskError(() => cast(col, to, where), "CAST_FAILED", [where, `row ${bad}`, valueText(values[bad], from), name(to)], label);
            } else {
              expectColumn(cast(col, to, where), refs.map((r) => (r as { ok: ScalarValue }).ok), label);
            }
          }
        }
      }
    });
  }
});

describe("cast to utf8", () => {
  for (const from of ALL_DTYPES) {
    it(`from ${name(from)}`, () => {
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          const rng = new Rng(seed * 7 + n);
          const values = randomValues(rng, from, n);
          const cols: Column[] = [makeColumn(from, values, rng)];
          if (from.kind === "utf8") cols.push(asDict(cols[0] as Utf8Column, rng, true));
          for (const col of cols) {
            const got = columnToValues(cast(col, dtypes.utf8));
            values.forEach((v, i) => {
              if (v === null) expect(got[i]).toBe(null);
              else if (from.kind === "float32") expect(isShortestFloat32(got[i] as string, v as number), `${v} → ${got[i]}`).toBe(true);
              else if (from.kind === "utf8") expect(got[i]).toBe(v);
              else expect(got[i], `${name(from)} ${String(v)}`).toBe(refText(v, from));
            });
          }
        }
      }
    });
  }
  it("writes timestamps with a time zone in UTC with +00:00", () => {
    const c = makeColumn(dtypes.timestamp("us", "Europe/Paris"), [1_500_000n, null]);
    expectColumn(cast(c, dtypes.utf8), ["1970-01-01 00:00:01.500000+00:00", null]);
  });
});

/** Random text a value of `to` may be written as, with the value it must parse to. */
function textFor(rng: Rng, to: DType): [string, ScalarValue] {
  const v = randomValue(rng, to);
  let s: string;
  switch (to.kind) {
    case "bool": s = rng.pick(v ? ["true", "TRUE", "True", "1"] : ["false", "False", "0"]); break;
    case "float32": case "float64":
      // JS drops the sign of -0 in String, toExponential and toPrecision: write it as the formatter does
      s = Object.is(v, -0) ? "-0.0" : rng.pick([refText(v, to), (v as number).toExponential(), (v as number).toPrecision(17)]);
      break;
    case "date32": case "timestamp": s = refText(v, to).replace(/\+00:00$/, rng.pick(["Z", "+00:00", ""])); if (rng.chance(0.3)) s = s.replace(" ", "T"); break;
    default: s = rng.pick(["", "+"]) .concat(String(v)).replace("+-", "-"); break;
  }
  if (rng.chance(0.2)) s = ` ${s}\t`;
  return [s, v];
}

const JUNK = ["", "abc", "12abc", "1 2", "--1", "2024-13-01", "1e", "tru", "0x1F", "1.5.2", "nan x", "2024-01-01 25:00"];

describe("cast from utf8", () => {
  for (const to of NON_UTF8) {
    it(`to ${name(to)}`, () => {
      for (const seed of SEEDS) {
        for (const n of LENGTHS) {
          const rng = new Rng(seed * 5 + n);
          const pairs = Array.from({ length: n }, () => (rng.chance(0.2) ? null : textFor(rng, to)));
          const strings = pairs.map((p) => (p === null ? null : p[0]));
          const want = pairs.map((p) => {
            if (p === null) return null;
            const v = p[1];
            if (to.kind === "float32" || to.kind === "float64") return Number.isNaN(v) ? NaN : v;
            return v;
          });
          const plain = columnFromValues(dtypes.utf8, strings) as Utf8Column;
          for (const col of [plain, asDict(plain, rng), asDict(plain, rng, true)]) {
            expectColumn(cast(col, to, "c"), want, `${name(to)} seed ${seed} n ${n} ${col.layout}`);
          }
          // one bad value among good ones: the error names its row, even through a dictionary
          if (n > 0) {
            const bad = rng.int(0, n - 1);
            const junk = rng.pick(JUNK);
            const broken = strings.slice();
            broken[bad] = junk;
            const col = columnFromValues(dtypes.utf8, broken) as Utf8Column;
            const ok = to.kind === "float32" || to.kind === "float64" ? junk === "" ? false : !Number.isNaN(Number(junk)) : false;
            if (!ok) {
              for (const c of [col, asDict(col, rng, true)]) {
                expectDuskError(() => cast(c, to, "cast(col(s))"), "CAST_FAILED", ["cast(col(s))", `row ${bad}`, JSON.stringify(junk), name(to)]);
              }
            }
          }
        }
      }
    });
  }
  it("ignores a bad dictionary entry that only null rows use", () => {
    const plain = columnFromValues(dtypes.utf8, ["1", "oops", "2"]) as Utf8Column;
    const d = asDict(plain, new Rng(1));
    const masked = { ...d, validity: Uint8Array.of(0b101) };
    expectColumn(cast(masked, dtypes.int32), [1, null, 2]);
  });
  it("parses at the edges of each range", () => {
    const s = (xs: (string | null)[]): Column => columnFromValues(dtypes.utf8, xs);
    expectColumn(cast(s(["127", "-128", " +0 "]), dtypes.int8), [127, -128, 0]);
    expectDuskError(() => cast(s(["127", "128"]), dtypes.int8), "CAST_FAILED", ["row 1", '"128"']);
    expectColumn(cast(s(["9223372036854775807", "-9223372036854775808", "9007199254740993"]), dtypes.int64),
      [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n]);
    expectColumn(cast(s(["18446744073709551615"]), dtypes.uint64), [2n ** 64n - 1n]);
    expectColumn(cast(s(["inf", "-Infinity", "nan", "1e-400", "-0"]), dtypes.float64), [Infinity, -Infinity, NaN, 0, -0]);
    expectColumn(cast(s(["1e39", "0.1"]), dtypes.float32), [Infinity, Math.fround(0.1)]);
    expectColumn(cast(s(["2024-02-29", null]), dtypes.date32), [19782, null]);
    expectColumn(cast(s(["2024-01-01T00:00:00+01:00", "1969-12-31 23:59:59.5"]), dtypes.timestamp("ms")), [1704063600000n, -500n]);
    expectDuskError(() => cast(s(["1970-01-01 00:00:00.5"]), dtypes.timestamp("s")), "CAST_FAILED", ["row 0"]);
  });
});

describe("cast specifics", () => {
  it("returns the input for the same dtype and shares storage for raw reinterpretations", () => {
    const c = columnFromValues(dtypes.int32, [1, 2]);
    expect(cast(c, dtypes.int32)).toBe(c);
    const d = cast(c, dtypes.date32);
    expect(d.dtype).toEqual(dtypes.date32);
    expectColumn(cast(d, dtypes.utf8), ["1970-01-02", "1970-01-03"]);
  });
  it("changes only the time zone of a timestamp", () => {
    const t = makeColumn(dtypes.timestamp("ns"), [1n, null]);
    const z = cast(t, dtypes.timestamp("ns", "UTC"));
    expect(z.dtype).toEqual(dtypes.timestamp("ns", "UTC"));
    expectColumn(z, [1n, null]);
  });
  it("floors to a coarser unit and to dates", () => {
    const t = makeColumn(dtypes.timestamp("ns"), [-1n, 1n, -(2n ** 63n), 2n ** 63n - 1n]);
    expectColumn(cast(t, dtypes.timestamp("s")), [-1n, 0n, -9223372037n, 9223372036n]);
    expectColumn(cast(t, dtypes.date32), [-1, 0, -106752, 106751]);
  });
  it("truncates floats toward zero and rejects NaN, infinities and out-of-range values", () => {
    expectColumn(cast(columnFromValues(dtypes.float64, [1.9, -1.9, -0.5, null]), dtypes.int8), [1, -1, 0, null]);
    expectDuskError(() => cast(makeColumn(dtypes.float64, [1, NaN]), dtypes.int32, "cast(col(f), int32)"), "CAST_FAILED",
      ["cast(col(f), int32)", "row 1", "NaN"]);
    expectDuskError(() => cast(makeColumn(dtypes.float64, [Infinity]), dtypes.int64), "CAST_FAILED", ["Infinity", "infinite"]);
    expectDuskError(() => cast(makeColumn(dtypes.float64, [9223372036854775808]), dtypes.int64), "CAST_FAILED", ["row 0"]);
    expectColumn(cast(makeColumn(dtypes.float64, [9223372036854774784, -9223372036854775808]), dtypes.int64), [9223372036854774784n, -(2n ** 63n)]);
    expectColumn(cast(makeColumn(dtypes.float64, [18446744073709549568]), dtypes.uint64), [18446744073709549568n]);
    expectDuskError(() => cast(makeColumn(dtypes.float64, [NaN]), dtypes.bool), "CAST_FAILED", ["NaN"]);
  });
  it("names the value, the row and the fix", () => {
    expectDuskError(() => cast(columnFromValues(dtypes.int32, [1, null, 300]), dtypes.int8, "cast(col(x), int8)"), "CAST_FAILED",
      ["cast(col(x), int8)", "row 2", "300", "int32", "int8", "-128..127", "filter or fill"]);
  });
  it("works on empty and all-null columns", () => {
    for (const from of ALL_DTYPES) {
      for (const to of ALL_DTYPES) {
        if (unsupported(from, to)) continue;
        expectColumn(cast(makeColumn(from, []), to), [], `${name(from)} → ${name(to)}`);
        expectColumn(cast(makeColumn(from, [null, null], new Rng(1)), to), [null, null], `${name(from)} → ${name(to)}`);
      }
    }
  });
});
