import { describe, expect, it } from "vitest";
import {
  isNanLiteral, parseDateBytes, parseFloatBytes, parseInt64Bytes, parseIntBytes, parseTimestampBytes, parseUint64Bytes,
} from "@dusk/kernels";
import { Rng } from "./helpers/random.js";

const enc = new TextEncoder();
const bytesOf = (s: string): Uint8Array => enc.encode(s);

/** Runs a parser on `s` embedded between junk bytes, so start/end offsets are exercised. */
function within<T>(s: string, f: (b: Uint8Array, start: number, end: number) => T): T {
  const b = bytesOf(`9x${s}x9`);
  return f(b, 2, b.length - 2);
}

const WS = "[ \\t\\n\\v\\f\\r]*";
const INT_RE = new RegExp(`^${WS}([+-]?)(\\d+)${WS}$`);
const MAX_SAFE = 2n ** 53n - 1n;

function refInt(s: string): number {
  const m = INT_RE.exec(s);
  if (!m) return NaN;
  const v = BigInt(m[1] + m[2]);
  return v > MAX_SAFE || v < -MAX_SAFE ? NaN : Number(v);
}

function refInt64(s: string, lo: bigint, hi: bigint): bigint | null {
  const m = INT_RE.exec(s);
  if (!m) return null;
  const v = BigInt(m[1] + m[2]);
  return v < lo || v > hi ? null : v;
}

const BAD_INTS = ["", " ", "+", "-", "+-1", "12abc", "1 2", "1.0", "0x10", "1e3", "١٢", "\u00a012", "12\u00a0", "--1", "1-", "abc", "9".repeat(30), "1_000"];

function randomIntText(rng: Rng): string {
  const digits = rng.int(1, 22);
  let s = rng.chance(0.2) ? "0".repeat(rng.int(1, 3)) : "";
  for (let k = 0; k < digits; k++) s += String(rng.int(0, 9));
  const sign = rng.pick(["", "", "-", "+"]);
  const pad = (): string => rng.chance(0.1) ? rng.pick([" ", "\t", "\n", "\r\n", "  "]) : "";
  return pad() + sign + s + pad();
}

describe("parseIntBytes", () => {
  it("matches a BigInt reference on random and edge text", () => {
    const rng = new Rng(11);
    const cases = [...BAD_INTS, "0", "-0", "+0", "007", "9007199254740991", "-9007199254740991", "9007199254740992", "-9007199254740992", " 42 ", "\t-5\n"];
    for (let k = 0; k < 5000; k++) cases.push(randomIntText(rng));
    for (const s of cases) {
      const got = within(s, parseIntBytes);
      const want = refInt(s);
      expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `"${s}" → ${got}, want ${want}`).toBe(true);
    }
  });
  it("never returns -0", () => {
    expect(Object.is(within("-0", parseIntBytes), 0)).toBe(true);
  });
});

describe("parseInt64Bytes / parseUint64Bytes", () => {
  const I64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];
  const U64: [bigint, bigint] = [0n, 2n ** 64n - 1n];
  function check(s: string): void {
    const out = new BigInt64Array(3);
    const words = new Int32Array(out.buffer);
    const ok = within(s, (b, st, e) => parseInt64Bytes(b, st, e, words, 1));
    const want = refInt64(s, ...I64);
    expect(ok, `int64 "${s}"`).toBe(want !== null);
    if (want !== null) expect(out[1], `int64 "${s}"`).toBe(want);
    const uout = new BigUint64Array(2);
    const uw = new Int32Array(uout.buffer);
    const uok = within(s, (b, st, e) => parseUint64Bytes(b, st, e, uw, 0));
    const uwant = refInt64(s, ...U64);
    expect(uok, `uint64 "${s}"`).toBe(uwant !== null);
    if (uwant !== null) expect(uout[0], `uint64 "${s}"`).toBe(uwant);
  }
  it("matches BigInt on edges", () => {
    const edges = [
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
      "18446744073709551615", "18446744073709551616", "-0", "0", "+0", "00000000000000000000000001",
      "9007199254740993", "-9007199254740993", "4294967295", "4294967296", "-4294967296", "-4294967297",
      "99999999999999999999", "100000000000000000000", "-1", "1", "999999999999999", "1000000000000000",
      "-2147483648", "2147483648", ...BAD_INTS,
    ];
    for (const s of edges) check(s);
  });
  it("matches BigInt on random text", () => {
    const rng = new Rng(12);
    for (let k = 0; k < 5000; k++) check(randomIntText(rng));
    for (let k = 0; k < 2000; k++) {
      const v = rng.bigint(-(2n ** 64n), 2n ** 64n);
      check(String(v));
    }
  });
});

const FLOAT_EDGES = [
  "0", "-0", "+0", "0.0", "-0.0", "+1", ".5", "5.", "-.5", "-5.", "1e5", "1E-3", "1e+3", "1.5e308", "1e308", "1.7976931348623157e308",
  "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "1e-400", "-1e-400", "4.9e-324", "5e-324", "2.4703282292062327e-324",
  "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308", "9007199254740993", "9007199254740992",
  "9007199254740991", "18014398509481985", "0.1", "0.2", "0.3", "0.30000000000000004", "123456789012345", "1234567890123456",
  "123456789012345.6", "0.000001", "1e-7", "1e22", "1e23", "1e-22", "1e-23", "999999999999999e22", "999999999999999e-22",
  "0.000000000000000000000000000001", "100000000000000000000000", "3.14159265358979323846264338327950288",
  "0e999999999", "1e-99999999999", "1e99999999999", "00000.00000001", "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
  "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
  "8.98846567431158e307", "1448997445238699", "144899744523869.9e1", " 1.5 ", "\t-2.5e-3\n",
];
const BAD_FLOATS = ["", " ", ".", "-", "+", "e5", "1e", "1e+", "1e-", "--1", "1..2", "1.2.3", "abc", "12abc", "inf x", "nanx", "0x10", "1_000", "Infinityx", " . ", "1 e5", "1e5.5", "i", "in", "infinit", "na", "١", "1,5", "\u00a01"];

function randomFloatText(rng: Rng): string {
  const kind = rng.int(0, 5);
  if (kind === 0) return String((rng.float() - 0.5) * 10 ** rng.int(-320, 308));
  if (kind === 1) {
    const x = rng.float() * 10 ** rng.int(-10, 10);
    return rng.pick([x.toFixed(rng.int(0, 20)), x.toExponential(rng.int(0, 20)), x.toPrecision(rng.int(1, 21))]);
  }
  let s = rng.pick(["", "-", "+"]);
  const intDigits = rng.int(0, 25);
  for (let k = 0; k < intDigits; k++) s += String(rng.int(0, 9));
  let frac = "";
  if (rng.chance(0.7) || intDigits === 0) {
    const fd = rng.int(intDigits === 0 ? 1 : 0, 25);
    for (let k = 0; k < fd; k++) frac += String(rng.int(0, 9));
    s += "." + frac;
  }
  if (rng.chance(0.5)) s += rng.pick(["e", "E"]) + rng.pick(["", "+", "-"]) + String(rng.int(0, kind === 2 ? 30 : 400));
  return s;
}

describe("parseFloatBytes", () => {
  function same(a: number, b: number): boolean {
    return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  }
  it("gives exactly Number() on edge inputs", () => {
    for (const s of FLOAT_EDGES) {
      const got = within(s, parseFloatBytes);
      expect(same(got, Number(s)), `"${s}" → ${got}, Number gives ${Number(s)}`).toBe(true);
      expect(same(got, parseFloat(s)), `"${s}" vs parseFloat`).toBe(true);
    }
  });
  it("gives exactly Number() on random inputs (fast and slow paths)", () => {
    const rng = new Rng(13);
    for (let k = 0; k < 20000; k++) {
      const s = randomFloatText(rng);
      const got = within(s, parseFloatBytes);
      expect(same(got, Number(s)), `"${s}" → ${got}, Number gives ${Number(s)}`).toBe(true);
    }
  });
  it("round-trips random doubles, subnormals included", () => {
    const rng = new Rng(14);
    const buf = new Float64Array(1);
    const words = new Uint32Array(buf.buffer);
    for (let k = 0; k < 20000; k++) {
      words[0] = rng.u32();
      words[1] = rng.u32();
      const x = buf[0];
      if (!Number.isFinite(x)) continue;
      for (const s of [String(x), x.toExponential(), x.toPrecision(17)]) {
        expect(same(within(s, parseFloatBytes), Number(s)), s).toBe(true);
      }
    }
  });
  it("accepts inf, infinity and nan in any case", () => {
    for (const s of ["inf", "INF", "Inf", "+inf", "infinity", "Infinity", "+Infinity", "INFINITY"]) expect(within(s, parseFloatBytes), s).toBe(Infinity);
    for (const s of ["-inf", "-Infinity", " -INF "]) expect(within(s, parseFloatBytes), s).toBe(-Infinity);
    for (const s of ["nan", "NaN", "NAN", "-nan", "+NaN", " nan "]) {
      expect(within(s, parseFloatBytes), s).toBeNaN();
      expect(within(s, isNanLiteral), s).toBe(true);
    }
  });
  it("rejects everything else", () => {
    for (const s of BAD_FLOATS) {
      expect(within(s, parseFloatBytes), `"${s}"`).toBeNaN();
      expect(within(s, isNanLiteral), `"${s}"`).toBe(false);
    }
  });
});

function civilRef(days: number): string {
  const d = new Date(days * 86400000);
  return d.toISOString().slice(0, 10);
}

describe("parseDateBytes", () => {
  it("reads every kind of valid date", () => {
    const rng = new Rng(15);
    const days = [0, -1, 1, -719528, 2932896, 11016, 19782, -25567, 10957];
    for (let k = 0; k < 3000; k++) days.push(rng.int(-719528, 2932896));
    for (const d of days) {
      const s = civilRef(d);
      expect(within(s, parseDateBytes), s).toBe(d);
    }
  });
  it("reads extended years", () => {
    // Date.UTC maps years 0..99 to 1900..1999: set the full year explicitly
    const day = (y: number, m: number, d: number): number => new Date(0).setUTCFullYear(y, m, d) / 86400000;
    expect(within("+10000-01-01", parseDateBytes)).toBe(day(10000, 0, 1));
    expect(within("-0001-12-31", parseDateBytes)).toBe(day(-1, 11, 31));
    expect(within("+0000-03-01", parseDateBytes)).toBe(day(0, 2, 1));
    expect(within("0000-02-29", parseDateBytes)).toBe(day(0, 1, 29));
    expect(within("0099-12-31", parseDateBytes)).toBe(day(99, 11, 31));
    expect(within(" 2024-02-29\n", parseDateBytes)).toBe(19782);
  });
  it("rejects invalid dates and other text", () => {
    for (const s of ["2023-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31", "2024-1-01", "24-01-01",
      "2024-01-01T00:00", "2024/01/01", "", "20240101", "2024-01-011", "10000-01-01", "2024-01-01x", "2024-01-"]) {
      expect(within(s, parseDateBytes), s).toBeNaN();
    }
  });
});

describe("parseTimestampBytes", () => {
  const UPS = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n } as const;
  function parse(s: string, unit: keyof typeof UPS): bigint | null {
    const out = new BigInt64Array(2);
    const ok = within(s, (b, st, e) => parseTimestampBytes(b, st, e, unit, new Int32Array(out.buffer), 1));
    return ok ? out[1] : null;
  }
  it("reads ISO date-times against a Date reference", () => {
    const rng = new Rng(16);
    for (let k = 0; k < 2000; k++) {
      const ms = rng.int(-62135596800000, 253402300799999);
      const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.fffZ
      const variants = [iso, iso.replace("T", " "), iso.slice(0, -1), iso.replace("Z", "+00:00")];
      for (const s of variants) {
        expect(parse(s, "ms"), s).toBe(BigInt(ms));
        expect(parse(s, "us"), s).toBe(BigInt(ms) * 1000n);
        const ns = BigInt(ms) * 1000000n;
        expect(parse(s, "ns"), s).toBe(ns >= -(2n ** 63n) && ns < 2n ** 63n ? ns : null);
        const secs = BigInt(Math.floor(ms / 1000));
        expect(parse(s, "s"), s).toBe(ms % 1000 === 0 ? secs : null);
      }
    }
  });
  it("handles offsets, fractions, units and ranges exactly", () => {
    expect(parse("2024-01-01", "s")).toBe(1704067200n);
    expect(parse("2024-01-01T01:00+01:00", "s")).toBe(1704067200n);
    expect(parse("2024-01-01T01:00:00+0100", "s")).toBe(1704067200n);
    expect(parse("2024-01-01T01:00:00+01", "s")).toBe(1704067200n);
    expect(parse("2023-12-31T19:30:00-04:30", "s")).toBe(1704067200n);
    expect(parse("2024-01-01t00:00:00z", "s")).toBe(1704067200n);
    expect(parse("1969-12-31 23:59:59.999999999", "ns")).toBe(-1n);
    expect(parse("1970-01-01 00:00:00.5", "ms")).toBe(500n);
    expect(parse("1970-01-01 00:00:00.123456789", "ns")).toBe(123456789n);
    expect(parse("1970-01-01 00:00:00.123456789", "us")).toBe(null);
    expect(parse("1970-01-01 00:00:00.123456000", "us")).toBe(123456n);
    expect(parse("2262-04-11 23:47:16.854775807", "ns")).toBe(2n ** 63n - 1n);
    expect(parse("2262-04-11 23:47:16.854775808", "ns")).toBe(null);
    expect(parse("1677-09-21 00:12:43.145224192", "ns")).toBe(-(2n ** 63n));
    expect(parse("1677-09-21 00:12:43.145224191", "ns")).toBe(null);
    expect(parse("+99999-01-01", "s")).toBe(BigInt(Date.UTC(99999, 0, 1) / 1000));
  });
  it("rejects malformed text", () => {
    for (const s of ["", "2024-01-01T", "2024-01-01T24:00:00", "2024-01-01T23:60", "2024-01-01T23:59:60", "2024-01-01T1:00",
      "2024-01-01T10:00:00.", "2024-01-01T10:00:00.1234567890", "2024-01-01T10:00:00+24:00", "2024-01-01T10:00:00 +01:00",
      "2024-01-01T10:00:00+1", "2024-01-01 10:00Zx", "2024-02-30", "2024-01-01X10:00", "2024-01-01T10"]) {
      expect(parse(s, "ns"), s).toBe(null);
    }
  });
});
