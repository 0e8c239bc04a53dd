// The text of each dtype's values, checked against references computed without the writer's code
// (String(x), BigInt calendar arithmetic), and read back by our reader.
import { dtypes, type DTypeLike } from "@dusk/core";
import { columnToValues, type Batch } from "@dusk/kernels";
import { describe, expect, it } from "vitest";
import { DEFAULT_NA_VALUES } from "../../src/csv/index.js";
import { formatCsv } from "../../src/csv/write-format.js";
import {
  batchOf, col, dateText, expectSameValues, floatColumn, floatText, randomDouble, randomFloat32, readBack, rng, text, timestampText,
} from "./helpers.js";

/**
 * The field texts of a one-column batch (no header). Nulls are `""` there: an empty line would be
 * skipped as blank.
 */
function lines(batch: Batch, options = {}): string[] {
  const t = text(formatCsv(batch, { header: false, ...options }));
  expect(t.endsWith("\n")).toBe(true);
  return t.slice(0, -1).split("\n");
}

describe("floats", () => {
  const special = [
    0, -0, 0.1, 0.2, 0.30000000000000004, 1, -1, 1.5, 100, 1e21, 1e-7, 1e-6, 1.5e-6, 123456.789, 0.000001, 9.999999999999999e-7,
    5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308,
    2 ** 51, 2 ** 51 - 1, 2 ** 52 + 1, 2 ** 53, 2 ** 53 + 2, 1e15 + 0.3, 4503599627370495.5, 123456789012345680000, 1e20, 1e-300,
    Infinity, -Infinity, NaN, 37.123456, 99.999999, 0.5, 1 / 3, 2 / 3, Math.PI, -Math.E,
  ];

  it("writes String(x) for float64 (shortest round trip), -0, inf, -inf and NAN", () => {
    const batch = batchOf({ x: floatColumn(special) });
    expect(lines(batch)).toEqual(special.map((x) => floatText(x)));
    expect(lines(batch).slice(0, 4)).toEqual(["0", "-0", "0.1", "0.2"]);
    expect(lines(batch)[9]).toBe("1e+21");
  });

  it("matches String(x) on random doubles of every magnitude and on short decimals", () => {
    const next = rng(11);
    const xs: number[] = [];
    for (let i = 0; i < 40000; i++) xs.push(randomDouble(next));
    // decimals with few digits, the common case of data (prices, measurements): the fast path
    for (let i = 0; i < 40000; i++) {
      const k = Math.floor(next() * 12);
      const m = Math.floor(next() * 10 ** Math.floor(next() * 16));
      xs.push((next() < 0.5 ? -1 : 1) * m / 10 ** k);
    }
    // near powers of ten and the fast path's limits
    for (let e = -9; e <= 22; e++) for (const f of [1, 1 - 2 ** -52, 1 + 2 ** -52, 0.5, 2.5]) xs.push(f * 10 ** e);
    const written = lines(batchOf({ x: floatColumn(xs) }));
    xs.forEach((x, i) => {
      if (written[i] !== floatText(x)) expect.fail(`row ${i}: wrote ${written[i]} for ${floatText(x)}`);
    });
  });

  it("reads back bit for bit, NaN as NaN and not null, ±0 apart", () => {
    const next = rng(5);
    const xs = [...special];
    for (let i = 0; i < 5000; i++) xs.push(randomDouble(next));
    const nulls = xs.map((_, i) => i % 17 === 3);
    const batch = batchOf({ x: floatColumn(xs, nulls) });
    for (const fast of [true, false]) {
      const back = readBack(formatCsv(batch), { dtype: { x: "float64" } }, fast);
      expectSameValues(columnToValues(back.columns[0]), columnToValues(batch.columns[0]), `float64 (fast path ${fast})`);
      expect(columnToValues(back.columns[0]).filter((v) => typeof v === "number" && Number.isNaN(v)).length).toBeGreaterThan(0);
    }
  });

  it("writes float32 as the shortest text that reads back to the same float32", () => {
    const next = rng(9);
    const xs = [0, -0, 0.1, -0.1, 1 / 3, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, 16777217, 1e-7, 1e30, NaN, Infinity];
    for (let i = 0; i < 30000; i++) xs.push(randomFloat32(next));
    for (let i = 0; i < 10000; i++) xs.push(Math.fround(Math.floor(next() * 1e7) / 10 ** Math.floor(next() * 8)));
    const f32 = Float32Array.from(xs);
    const written = lines(batchOf({ x: floatColumn(xs, [], true) }));
    expect(written.slice(0, 4)).toEqual(["0", "-0", "0.1", "-0.1"]);
    f32.forEach((x, i) => {
      const t = written[i];
      if (Number.isNaN(x)) { expect(t).toBe("NAN"); return; }
      const parsed = t === "inf" ? Infinity : t === "-inf" ? -Infinity : Number(t);
      if (!Object.is(Math.fround(parsed), x)) expect.fail(`row ${i}: ${t} reads back as ${Math.fround(parsed)}, not ${x}`);
      // no longer than the shortest text by significant digits (toPrecision, 1..9 digits)
      let shortest = String(x);
      for (let p = 1; p <= 9; p++) {
        const c = Number(x.toPrecision(p));
        if (Math.fround(c) === x) { shortest = Object.is(x, -0) ? "-0" : String(c); break; }
      }
      if (t.length > shortest.length) expect.fail(`row ${i}: ${t} is longer than ${shortest}`);
    });
    const back = readBack(formatCsv(batchOf({ x: floatColumn(xs, [], true) })), { dtype: { x: "float32" } });
    expectSameValues(columnToValues(back.columns[0]), Array.from(f32), "float32");
  });

  it("writes NaN as nanRep; the default is no null string of the reader", () => {
    expect(DEFAULT_NA_VALUES).not.toContain("NAN");
    expect(lines(batchOf({ x: floatColumn([NaN, 1]) }), { nanRep: "nan" })).toEqual(["nan", "1"]);
    // pandas' spelling reads back as null: the reason for the default
    const back = readBack(formatCsv(batchOf({ x: floatColumn([NaN, 1]) }), { nanRep: "NaN" }), { dtype: { x: "float64" } });
    expect(columnToValues(back.columns[0])).toEqual([null, 1]);
  });
});

describe("integers", () => {
  it("writes int64 and uint64 exactly over their whole range", () => {
    const i64 = [0n, -1n, 1n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 32n, 2n ** 53n + 1n, -(2n ** 53n) - 1n,
      9223372036854775807n, -9223372036854775808n, 1234567890123456789n, -999999999999999999n, null];
    const u64 = [0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 18446744073709551615n, 10000000000000000000n, null, 4294967296n, 7n, 9n, 10n, 99n, 100n];
    const batch = batchOf({ a: col("int64", i64), b: col("uint64", u64) });
    expect(text(formatCsv(batch, { header: false })).split("\n").slice(0, -1))
      .toEqual(i64.map((v, i) => `${v ?? ""},${u64[i] ?? ""}`));
    const next = rng(3);
    const rand = Array.from({ length: 3000 }, () => BigInt.asIntN(64, BigInt(Math.floor(next() * 2 ** 32)) << 32n | BigInt(Math.floor(next() * 2 ** 32))));
    const big = batchOf({ a: col("int64", rand), b: col("uint64", rand.map((v) => BigInt.asUintN(64, v))) });
    expect(text(formatCsv(big, { header: false })).split("\n").slice(0, -1)).toEqual(rand.map((v) => `${v},${BigInt.asUintN(64, v)}`));
    for (const b of [batch, big]) expectSameBatchValues(b, { a: "int64", b: "uint64" });
  });

  it("writes the small integer kinds at their limits", () => {
    const batch = batchOf({
      i8: col("int8", [-128, 127, 0, null]), i16: col("int16", [-32768, 32767, -1, 5]),
      i32: col("int32", [-2147483648, 2147483647, 10, 99]), u8: col("uint8", [0, 255, 100, 1]),
      u16: col("uint16", [65535, 0, null, 10]), u32: col("uint32", [4294967295, 0, 1000000000, 999999999]),
    });
    expect(text(formatCsv(batch))).toBe(
      "i8,i16,i32,u8,u16,u32\n-128,-32768,-2147483648,0,65535,4294967295\n127,32767,2147483647,255,0,0\n" +
      "0,-1,10,100,,1000000000\n,5,99,1,10,999999999\n");
    expectSameBatchValues(batch, { i8: "int8", i16: "int16", i32: "int32", u8: "uint8", u16: "uint16", u32: "uint32" });
  });
});

function expectSameBatchValues(batch: Batch, dtype: Record<string, DTypeLike>): void {
  const back = readBack(formatCsv(batch), { dtype });
  batch.columns.forEach((c, k) => expectSameValues(columnToValues(back.columns[k]), columnToValues(c), batch.names[k]));
}

describe("bool, dates and timestamps", () => {
  it("writes bool as True/False, which the reader reads back, and infers as bool", () => {
    const batch = batchOf({ b: col("bool", [true, false, null, true]) });
    expect(text(formatCsv(batch))).toBe('b\nTrue\nFalse\n""\nTrue\n');
    const back = readBack(formatCsv(batchOf({ b: col("bool", [true, false, null, true]), n: col("int32", [1, 2, 3, 4]) })));
    expect(back.columns[0].dtype).toEqual(dtypes.bool);
    expect(columnToValues(back.columns[0])).toEqual([true, false, null, true]);
  });

  it("writes date32 as YYYY-MM-DD, before year 1000, before 1970 and outside 0000-9999", () => {
    const days = [0, -1, 19782, -719528, -719529, -719162, -365, 2932896, 2932897, -2147483647, 2147483647, -678942, 11016, null];
    const batch = batchOf({ d: col("date32", days) });
    expect(lines(batch)).toEqual(days.map((d) => (d === null ? '""' : dateText(d))));
    expect(lines(batch).slice(0, 4)).toEqual(["1970-01-01", "1969-12-31", "2024-02-29", "0000-01-01"]);
    expect(lines(batch)[4]).toBe("-0001-12-31");
    const next = rng(4);
    const many = Array.from({ length: 5000 }, () => Math.floor((next() - 0.5) * 2 * 3e6));
    expect(lines(batchOf({ d: col("date32", many) }))).toEqual(many.map(dateText));
    expectSameBatchValues(batch, { d: "date32" });
    expectSameBatchValues(batchOf({ d: col("date32", many) }), { d: "date32" });
  });

  it("writes timestamps with the unit's fraction digits, and +00:00 for a zone", () => {
    const v = [0n, 1n, -1n, 1500n, 86399999n, -86400001n, 1709204400250n, null];
    const cases: [string, "s" | "ms" | "us" | "ns", string | null, string[]][] = [
      ["timestamp[ms]", "ms", null, ["1970-01-01 00:00:00.000", "1970-01-01 00:00:00.001", "1969-12-31 23:59:59.999"]],
      ["timestamp[s]", "s", null, ["1970-01-01 00:00:00", "1970-01-01 00:00:01", "1969-12-31 23:59:59"]],
      ["timestamp[us, UTC]", "us", "UTC", ["1970-01-01 00:00:00.000000+00:00", "1970-01-01 00:00:00.000001+00:00"]],
      ["timestamp[ns, Europe/Paris]", "ns", "Europe/Paris", ["1970-01-01 00:00:00.000000000+00:00", "1970-01-01 00:00:00.000000001+00:00"]],
    ];
    for (const [name, unit, tz, first] of cases) {
      const batch = batchOf({ t: col(name, v) });
      const got = lines(batch);
      expect(got.slice(0, first.length), name).toEqual(first);
      expect(got, name).toEqual(v.map((x) => (x === null ? '""' : timestampText(x, unit, tz))));
      expectSameBatchValues(batch, { t: batch.columns[0].dtype });
    }
  });

  it("reads back timestamps at the limits of int64 in every unit", () => {
    const limits = [-(2n ** 63n), 2n ** 63n - 1n, -(2n ** 63n) + 1n, 0n, -1n];
    const next = rng(8);
    const rand = Array.from({ length: 2000 }, () => BigInt.asIntN(64, BigInt(Math.floor(next() * 2 ** 32)) << 32n | BigInt(Math.floor(next() * 2 ** 32))));
    // below 2^52 in magnitude (written with doubles), and around that limit
    for (let i = 0; i < 3000; i++) rand.push(BigInt(Math.floor((next() - 0.5) * 2 * 10 ** Math.floor(next() * 16))));
    for (const d of [-2n, -1n, 0n, 1n, 2n]) rand.push(2n ** 52n + d, -(2n ** 52n) + d);
    // day and second boundaries in every unit: multiples of 86400 s, ±1
    for (const k of [-719529n, -719528n, -1n, 0n, 1n, 2932896n, 2932897n]) for (const d of [-1n, 0n, 1n]) rand.push(k * 86400n + d, k * 86400000n + d, k * 86400000000n + d);
    for (const unit of ["ns", "us", "ms", "s"] as const) {
      for (const tz of [null, "UTC"]) {
        const name = tz === null ? `timestamp[${unit}]` : `timestamp[${unit}, ${tz}]`;
        const values = [...limits, ...rand];
        const batch = batchOf({ t: col(name, values) });
        expect(lines(batch), name).toEqual(values.map((x) => timestampText(x, unit, tz)));
        expectSameBatchValues(batch, { t: batch.columns[0].dtype });
      }
    }
  });
});
