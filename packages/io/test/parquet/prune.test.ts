// rowGroupMayMatch: a table of decisions over hand-made statistics (nulls-only row groups, missing
// statistics, NaN, mixed number/bigint, code point order, dates and timestamps), then a check
// against real files: a row group judged unable to match must hold no matching row.
import { join } from "node:path";
import { dtypes, type DType } from "@dusk/core";
import { columnToValues } from "@dusk/kernels";
import { Rng } from "@dusk/testing";
import { describe, expect, it } from "vitest";
import {
  checkParquetFilters,
  matchingRowGroups,
  readParquetMetadata,
  readParquetRowGroups,
  rowGroupMayMatch,
  writeParquet,
  type ColumnStats,
  type FilterValue,
  type ParquetFilter,
  type ParquetRowGroup,
  type ParquetSchema,
} from "../../src/index.js";
import { batchOf, useTempDir, thrown } from "./helpers.js";

const DAY = 86_400_000;
const schema: ParquetSchema = {
  names: ["i", "f", "s", "b", "d", "ts", "tsn", "tss", "big", "u64"],
  dtypes: [
    dtypes.int32, dtypes.float64, dtypes.utf8, dtypes.bool, dtypes.date32, dtypes.timestamp("ms", "UTC"),
    dtypes.timestamp("ns", null), dtypes.timestamp("s", null), dtypes.int64, dtypes.uint64,
  ],
  unsupported: [{ name: "price", type: "DECIMAL(10, 2) stored as INT64" }],
};
const st = (min: ColumnStats["min"], max: ColumnStats["max"], nullCount: number | null = 0, exact = true): ColumnStats => ({ min, max, nullCount, exact });
const group = (columns: Record<string, ColumnStats | null>, numRows = 10): ParquetRowGroup => ({ numRows, totalByteSize: 100, compressedSize: 50, columns });

const G = {
  range: group({ i: st(1, 5) }),
  someNull: group({ i: st(1, 5, 3) }),
  constant: group({ i: st(3, 3) }),
  constantNulls: group({ i: st(3, 3, 2) }),
  allNull: group({ i: st(null, null, 10, false) }),
  noStats: group({ i: null }),
  unknownNulls: group({ i: st(1, 5, null) }),
  empty: group({ i: st(null, null, 0, false) }, 0),
  floats: group({ f: st(-1.5, 2.5) }),
  floatConst: group({ f: st(1, 1) }),
  big: group({ big: st(2n ** 53n, 2n ** 53n + 10n), u64: st(2n ** 63n, 2n ** 64n - 1n) }),
  strings: group({ s: st("apple", "\u{1F642}") }),
  inexact: group({ s: st("abc", "abc", 0, false) }),
  exactStr: group({ s: st("abc", "abc") }),
  bools: group({ b: st(false, false) }),
  dates: group({ d: st(19000, 19010) }),
  times: group({ ts: st(1_700_000_000_000n, 1_700_000_100_000n), tsn: st(1_700_000_000_000_000_001n, 1_700_000_000_000_000_011n), tss: st(100n, 200n) }),
};

type Case = readonly [keyof typeof G, ParquetFilter[], boolean];
const CASES: readonly Case[] = [
  // numbers in [1, 5], no nulls
  ["range", [["i", "==", 3]], true],
  ["range", [["i", "==", 0]], false],
  ["range", [["i", "==", 6]], false],
  ["range", [["i", "==", 5]], true],
  ["range", [["i", "<", 1]], false],
  ["range", [["i", "<", 2]], true],
  ["range", [["i", "<=", 1]], true],
  ["range", [["i", "<=", 0.5]], false],
  ["range", [["i", ">", 5]], false],
  ["range", [["i", ">", 4.5]], true],
  ["range", [["i", ">=", 5]], true],
  ["range", [["i", ">=", 5.5]], false],
  ["range", [["i", "==", 5n]], true],
  ["range", [["i", ">", 5n]], false],
  ["range", [["i", "==", "3"]], true], // a string does not compare with a number column: not judged
  ["range", [["i", "!=", 3]], true],
  ["range", [["i", "in", [0, 6, 7]]], false],
  ["range", [["i", "in", [0, 3]]], true],
  ["range", [["i", "in", []]], false],
  ["range", [["i", "in", [null]]], false],
  ["range", [["i", "not in", [1, 2, 3, 4, 5]]], true], // the statistics cannot tell
  ["range", [["i", "==", null]], false],
  ["range", [["i", "!=", null]], true],
  ["range", [["i", ">", 0], ["i", "<", 1]], false], // a conjunction: the second condition fails
  ["range", [], true],
  // some nulls
  ["someNull", [["i", "==", null]], true],
  ["someNull", [["i", "in", [9, null]]], true],
  ["someNull", [["i", "not in", [1, 2, 3, 4, 5]]], true], // null rows are not in a list without null
  // every non-null value is 3
  ["constant", [["i", "!=", 3]], false],
  ["constant", [["i", "!=", 4]], true],
  ["constant", [["i", "not in", [3, 4]]], false],
  ["constant", [["i", "not in", [4]]], true],
  ["constantNulls", [["i", "!=", 3]], false], // null != 3 is null: no match
  ["constantNulls", [["i", "not in", [3]]], true],
  ["constantNulls", [["i", "not in", [3, null]]], false],
  ["constantNulls", [["i", "==", null]], true],
  // nulls only
  ["allNull", [["i", "==", 3]], false],
  ["allNull", [["i", "<", 100]], false],
  ["allNull", [["i", "!=", 3]], false],
  ["allNull", [["i", "in", [1]]], false],
  ["allNull", [["i", "in", [1, null]]], true],
  ["allNull", [["i", "not in", [1]]], true],
  ["allNull", [["i", "not in", [1, null]]], false],
  ["allNull", [["i", "==", null]], true],
  ["allNull", [["i", "!=", null]], false],
  ["allNull", [["i", "<", null]], true], // ordering with null is not judged
  // no statistics, unknown null count, empty row group, columns without statistics
  ["noStats", [["i", "==", 100]], true],
  ["unknownNulls", [["i", "==", null]], true],
  ["unknownNulls", [["i", "not in", [1]]], true],
  ["unknownNulls", [["i", "==", 9]], false],
  ["empty", [], false],
  ["range", [["zz", "==", 1]], true],
  ["range", [["price", "==", 1]], true],
  ["range", [["f", "==", 1]], true],
  // floats: NaN is not in statistics
  ["floats", [["f", ">", 2.5]], false],
  ["floats", [["f", ">", 2]], true],
  ["floats", [["f", "<", -1.5]], false],
  ["floats", [["f", ">=", 3n]], false],
  ["floats", [["f", "<=", -2n]], false],
  ["floats", [["f", "==", 2n]], true],
  ["floats", [["f", "==", NaN]], true],
  ["floatConst", [["f", "!=", 1]], true],
  ["floatConst", [["f", "not in", [1]]], true],
  // 64-bit integers against numbers and bigints, exactly
  ["big", [["big", "==", 2 ** 53]], true],
  ["big", [["big", "<", 2 ** 53]], false],
  ["big", [["big", ">", 9007199254741000]], true],
  ["big", [["big", ">", 9007199254741004]], false],
  ["big", [["big", "==", 2n ** 53n + 11n]], false],
  ["big", [["u64", "<", 2n ** 63n]], false],
  ["big", [["u64", ">=", 2n ** 64n - 1n]], true],
  ["big", [["u64", ">", 2 ** 64]], false],
  // strings in code point order (UTF-8 byte order)
  ["strings", [["s", "==", "banana"]], true],
  ["strings", [["s", "<", "apple"]], false],
  ["strings", [["s", "<", "apples"]], true],
  ["strings", [["s", ">", "\uFFFD"]], true], // U+1F642 > U+FFFD, although "\uD83D" < "\uFFFD" in UTF-16
  ["strings", [["s", "==", "\u{1F643}"]], false],
  ["strings", [["s", "==", "Apple"]], false],
  ["strings", [["s", "==", 3]], true],
  ["inexact", [["s", "!=", "abc"]], true], // truncated bounds are not values
  ["exactStr", [["s", "!=", "abc"]], false],
  // bool
  ["bools", [["b", "==", true]], false],
  ["bools", [["b", "==", false]], true],
  ["bools", [["b", "!=", false]], false],
  ["bools", [["b", "==", 1]], true],
  // date32: day numbers 19000..19010, against Dates and day numbers
  ["dates", [["d", "==", new Date(19011 * DAY)]], false],
  ["dates", [["d", "<", new Date(19000 * DAY)]], false],
  ["dates", [["d", "<", new Date(19000 * DAY + 1)]], true],
  ["dates", [["d", "==", 19005]], true],
  ["dates", [["d", "==", 19011]], false],
  ["dates", [["d", ">", 19010n]], false],
  ["dates", [["d", "==", "2022-01-08"]], true],
  // timestamps in ms, ns and s, against Dates and counts of the unit
  ["times", [["ts", "<", new Date(1_700_000_000_000)]], false],
  ["times", [["ts", "<=", new Date(1_700_000_000_000)]], true],
  ["times", [["ts", ">", new Date(1_700_000_100_000)]], false],
  ["times", [["ts", "==", 1_700_000_050_000n]], true],
  ["times", [["ts", "==", 1_700_000_200_000]], false],
  ["times", [["tsn", "==", new Date(1_700_000_000_000)]], false],
  ["times", [["tsn", ">=", new Date(1_700_000_000_000)]], true],
  ["times", [["tss", "<", new Date(100_000)]], false],
  ["times", [["tss", "<", new Date(100_001)]], true],
];

const show = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : typeof x === "number" && Number.isNaN(x) ? "NaN" : x));

describe("rowGroupMayMatch", () => {
  it.each(CASES.map((c) => [c[0], show(c[1]), c[2], c] as const))("%s %s → %s", (_g, _f, _e, [name, filters, expected]) => {
    expect(rowGroupMayMatch(G[name], filters, schema)).toBe(expected);
  });

  it("refuses malformed filters", () => {
    const bad: unknown[] = [[["i", "~", 1]], [["i", "in", 3]], [[1, "==", 1]], "i == 1", [["i", "==", {}]], [["i", "=="]]];
    for (const f of bad) {
      const e = thrown(() => rowGroupMayMatch(G.range, f as ParquetFilter[], schema));
      expect(e.code, show(f)).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(/filters/);
    }
    expect(() => checkParquetFilters([["i", "not in", [1, null, "x", 2n, new Date(0), true]]])).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Against real files: pruning never drops a row group that holds a matching row.

const tmp = useTempDir();

/** The reference meaning of one condition for one row value (see filters.ts), written independently. */
function holds(v: unknown, op: ParquetFilter[1], value: FilterValue | readonly FilterValue[], dtype: DType): boolean {
  const list = Array.isArray(value) ? (value as FilterValue[]) : null;
  if (op === "in" || op === "not in") {
    const inList = list!.some((x) => (x === null ? v === null : v !== null && equal(v, x, dtype)));
    return op === "in" ? inList : !inList;
  }
  const x = value as FilterValue;
  if (x === null) return op === "==" ? v === null : op === "!=" ? v !== null : false;
  if (v === null) return false;
  if (op === "!=") return !equal(v, x, dtype);
  const c = compare(v, x, dtype);
  if (c === undefined) return false;
  return op === "==" ? c === 0 : op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

function equal(v: unknown, x: Exclude<FilterValue, null>, dtype: DType): boolean {
  if (dtype.kind === "float64" && typeof x === "number" && Number.isNaN(x)) return Number.isNaN(v as number);
  return compare(v, x, dtype) === 0;
}

function compare(v: unknown, x: Exclude<FilterValue, null>, dtype: DType): number | undefined {
  if (dtype.kind === "utf8") return typeof x === "string" ? Buffer.compare(Buffer.from(v as string), Buffer.from(x)) : undefined;
  let a = v as number | bigint;
  let b: number | bigint;
  if (x instanceof Date) {
    if (dtype.kind === "date32") a = (v as number) * DAY;
    else if (dtype.kind === "timestamp") a = Number(v as bigint); // ms, exact in this test's range
    else return undefined;
    b = x.getTime();
  } else if (typeof x === "number" || typeof x === "bigint") b = x;
  else return undefined;
  return a < b ? -1 : a > b ? 1 : a == b ? 0 : undefined; // == compares a bigint with a number exactly
}

describe("rowGroupMayMatch on real files", () => {
  it("never prunes a row group holding a matching row, and prunes sorted data tightly", async () => {
    const rng = new Rng(11);
    const rows = 1200;
    const types = { id: dtypes.int64, x: dtypes.float64, s: dtypes.utf8, d: dtypes.date32, ts: dtypes.timestamp("ms", "UTC"), n: dtypes.int32 };
    const words = ["", "a", "apple", "b", "é", "日本", "\u{1F642}", "\uFFFD", "zz"];
    const values = {
      id: Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? null : BigInt(i) * 1000n + 2n ** 53n)),
      x: Array.from({ length: rows }, (_, i) => (i % 50 === 7 ? NaN : i % 41 === 0 ? null : Math.floor(i / 100) + rng.float())),
      s: Array.from({ length: rows }, (_, i) => (i % 13 === 0 ? null : words[Math.floor(i / 150) % words.length])),
      d: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : 19000 + Math.floor(i / 10))),
      ts: Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? null : 1_700_000_000_000n + BigInt(i) * 60_000n)),
      n: Array.from({ length: rows }, (_, i) => (i < 300 || i >= 900 ? null : i % 5)), // row groups 0 and 3: nulls only
    };
    const path = join(tmp.dir, "prune.parquet");
    await writeParquet(batchOf(values, types), path, { rowGroupSize: 300 });
    const meta = await readParquetMetadata(path);
    expect(meta.rowGroups.map((rg) => rg.columns.n?.nullCount)).toEqual([300, 0, 0, 300]);
    expect(matchingRowGroups(meta, [["id", ">=", 2n ** 53n + 250_000n], ["id", "<", 2 ** 53 + 420_000]])).toEqual([0, 1]);
    expect(matchingRowGroups(meta, [["n", "==", 3]])).toEqual([1, 2]);
    expect(matchingRowGroups(meta, [["n", "==", null]])).toEqual([0, 3]);

    const groups = await Promise.all(meta.rowGroups.map((_, g) => readParquetRowGroups(path, [g], null)));
    const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)];
    const ops = ["==", "!=", "<", "<=", ">", ">=", "in", "not in"] as const;
    const sample = (name: keyof typeof types): FilterValue => {
      const col = values[name] as unknown[];
      const v = pick(col);
      if (v === null || rng.chance(0.1)) return rng.chance(0.5) ? null : pick([NaN, 0, -1, 2n ** 60n]);
      if (name === "d" && rng.chance(0.5)) return new Date((v as number) * DAY + pick([0, 1, -1]));
      if (name === "ts" && rng.chance(0.5)) return new Date(Number(v as bigint) + pick([0, 1, -1]));
      if (name === "id" && rng.chance(0.5)) return Number(v as bigint) + pick([0, 0.5, -0.5]);
      return v as FilterValue;
    };
    let pruned = 0;
    for (let t = 0; t < 400; t++) {
      const filters: ParquetFilter[] = [];
      for (let k = rng.int(1, 2); k > 0; k--) {
        const name = pick(Object.keys(types)) as keyof typeof types;
        const op = pick(ops);
        const value = op === "in" || op === "not in" ? Array.from({ length: rng.int(0, 3) }, () => sample(name)) : sample(name);
        filters.push([name, op, value]);
      }
      meta.rowGroups.forEach((rg, g) => {
        if (rowGroupMayMatch(rg, filters, meta.schema)) return;
        pruned++;
        const batch = groups[g];
        const cols = filters.map(([c]) => columnToValues(batch.columns[batch.names.indexOf(c)]));
        for (let r = 0; r < batch.length; r++) {
          const match = filters.every(([c, op, value], j) => holds(cols[j][r], op, value, types[c as keyof typeof types]));
          expect(match, `row ${r} of row group ${g} matches ${show(filters)}`).toBe(false);
        }
      });
    }
    expect(pruned).toBeGreaterThan(200);
  });
});
