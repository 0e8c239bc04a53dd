/**
 * dt kernels (fields, date, floor/ceil/round, strftime) against plain-JS references (BigInt, Date
 * UTC getters, Intl for time zones) over random, unevenly spaced values in every unit, with nulls,
 * dates before 1970 and after 2038, and time zones across daylight-saving changes.
 */
import { describe, expect, it } from "vitest";
import { dtypes, parseFrequency, type TimeUnit } from "@dusk/core";
import {
  columnFromValues, columnToValues, dtDate, dtField, dtRound, dtStrftime, tzOffsets, type Column, type DtFieldName,
} from "@dusk/kernels";
import { REF_UPS, refDateParts, refFloorCalendar, refOffset, refParts, refRoundTo, refStrftime } from "@dusk/testing";
import { expectDuskError, expectZeroUnderNulls } from "./helpers/expect.js";

const UNITS: readonly TimeUnit[] = ["s", "ms", "us", "ns"];
const ZONES: readonly (string | null)[] = [null, "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
const FIELDS: readonly DtFieldName[] = [
  "year", "month", "day", "hour", "minute", "second", "microsecond", "nanosecond", "dayOfWeek", "dayOfYear", "quarter",
];

/** mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// DST switches (UTC seconds) to cluster values around
const SWITCHES = [
  Date.UTC(2024, 2, 31, 1) / 1000, Date.UTC(2024, 9, 27, 1) / 1000, // Europe/Berlin
  Date.UTC(2024, 2, 10, 7) / 1000, Date.UTC(2024, 10, 3, 6) / 1000, // America/New_York
  Date.UTC(1969, 3, 27, 7) / 1000, Date.UTC(2040, 2, 11, 7) / 1000,
];

/** Random instants of `unit` (bigint counts): clustered at DST switches and the epoch, spread over years 1–9999 (ns: its ±292 years). */
function randomInstants(seed: number, unit: TimeUnit, n: number, nullEvery = 7): (bigint | null)[] {
  const r = rng(seed);
  const ups = REF_UPS[unit];
  const [lo, hi] = unit === "ns" ? [-9_000_000_000, 9_000_000_000] : [-62_135_596_800, 253_402_300_799];
  const out: (bigint | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (i % nullEvery === 3) { out.push(null); continue; }
    const kind = r();
    let secs: number;
    if (kind < 0.4) secs = SWITCHES[Math.floor(r() * SWITCHES.length)] + Math.floor((r() - 0.5) * 4 * 3600);
    else if (kind < 0.5) secs = Math.floor((r() - 0.5) * 86400 * 20);
    else if (kind < 0.8) secs = Math.floor(-2_500_000_000 + r() * 5_500_000_000); // ~1890–2144
    else secs = Math.floor(lo + r() * (hi - lo));
    const frac = ups === 1n ? 0n : BigInt(Math.floor(r() * Number(ups)));
    out.push(BigInt(secs) * ups + frac);
  }
  return out;
}

const tsColumn = (values: readonly (bigint | null)[], unit: TimeUnit, tz: string | null): Column =>
  columnFromValues(dtypes.timestamp(unit, tz), values);

describe("dt fields", () => {
  for (const unit of UNITS) {
    for (const tz of ZONES) {
      it(`match Date/Intl for timestamp[${unit}${tz ? `, ${tz}` : ""}]`, () => {
        const values = randomInstants(unit.length * 7 + (tz?.length ?? 0), unit, 700);
        const col = tsColumn(values, unit, tz === "UTC" ? "UTC" : tz);
        const refs = values.map((v) => (v === null ? null : refParts(v, unit, tz)));
        for (const f of FIELDS) {
          const got = dtField(col, f, `ts.dt.${f}()`);
          expect(got.dtype.kind).toBe("int32");
          expectZeroUnderNulls(got, f);
          const want = refs.map((p) => (p === null ? null : p[f]));
          const gotValues = columnToValues(got);
          const bad = want.findIndex((w, i) => w !== gotValues[i]);
          expect(bad, `${f} at row ${bad}: ${String(gotValues[bad])} vs ${String(want[bad])} for input ${String(values[bad])}`).toBe(-1);
        }
      });
    }
  }

  it("match Date for date32, before 1970 and after 2038, with nulls", () => {
    const r = rng(5);
    const days = Array.from({ length: 2000 }, (_, i) => (i % 9 === 0 ? null : Math.floor((r() - 0.5) * 2 * 2_900_000)));
    const col = columnFromValues(dtypes.date32, days);
    for (const f of ["year", "month", "day", "dayOfWeek", "dayOfYear", "quarter"] as const) {
      expect(columnToValues(dtField(col, f, f))).toEqual(days.map((d) => (d === null ? null : refDateParts(d)[f])));
    }
    expect(columnToValues(dtField(col, "hour", "hour")).every((v) => v === 0 || v === null)).toBe(true);
  });

  it("gives local fields across daylight-saving changes", () => {
    const at = (iso: string): bigint => BigInt(Date.parse(iso)) * 1000n;
    const berlin = tsColumn([at("2024-03-31T00:59:59Z"), at("2024-03-31T01:00:00Z"), at("2024-10-27T00:30:00Z"), at("2024-10-27T01:30:00Z")], "us", "Europe/Berlin");
    expect(columnToValues(dtField(berlin, "hour", "h"))).toEqual([1, 3, 2, 2]);
    const ny = tsColumn([at("2024-03-10T06:59:59Z"), at("2024-03-10T07:00:00Z"), at("2024-11-03T05:30:00Z"), at("2024-11-03T06:30:00Z")], "us", "America/New_York");
    expect(columnToValues(dtField(ny, "hour", "h"))).toEqual([1, 3, 1, 1]);
    expect(columnToValues(dtStrftime(ny, "%H:%M%z", "f"))).toEqual(["01:59-0500", "03:00-0400", "01:30-0400", "01:30-0500"]);
  });

  it("date gives the local calendar date", () => {
    const values = randomInstants(11, "ms", 500);
    for (const tz of ["Asia/Kolkata", "America/New_York", null]) {
      const got = columnToValues(dtDate(tsColumn(values, "ms", tz), "d"));
      const want = values.map((v) => {
        if (v === null) return null;
        const p = refParts(v, "ms", tz);
        const d = new Date(0);
        d.setUTCFullYear(p.year, p.month - 1, p.day);
        return Math.round(d.getTime() / 86_400_000);
      });
      expect(got).toEqual(want);
    }
  });
});

describe("dt floor / ceil / round", () => {
  const FIXED = ["1s", "15s", "1min", "15min", "1h", "6h", "1D", "7D", "250ms", "1ms", "10us", "1us", "100ns"];
  for (const unit of UNITS) {
    it(`fixed frequencies on naive timestamp[${unit}] match BigInt rounding (ties to even)`, () => {
      const values = randomInstants(31 + unit.length, unit, 600);
      // exact ties for round
      values.push(BigInt(Date.UTC(2024, 0, 1, 0, 0, 30) / 1000) * REF_UPS[unit], BigInt(Date.UTC(2024, 0, 1, 0, 1, 30) / 1000) * REF_UPS[unit]);
      const col = tsColumn(values, unit, null);
      const unitNanos = 1_000_000_000n / REF_UPS[unit];
      for (const f of FIXED) {
        const freq = parseFrequency(f);
        const q = BigInt(freq.nanos) / unitNanos;
        for (const mode of ["floor", "ceil", "round"] as const) {
          if (BigInt(freq.nanos) % unitNanos !== 0n) {
            if (unitNanos % BigInt(freq.nanos) === 0n) expect(dtRound(col, mode, freq, "r")).toBe(col);
            continue;
          }
          const got = columnToValues(dtRound(col, mode, freq, "r"));
          const want = values.map((v) => (v === null ? null : refRoundTo(v, q, mode)));
          const bad = want.findIndex((w, i) => w !== got[i]);
          expect(bad, `${mode} ${f} at row ${bad}: ${String(got[bad])} vs ${String(want[bad])} (input ${String(values[bad])})`).toBe(-1);
        }
      }
    });
  }

  for (const tz of ["Europe/Berlin", "America/New_York", "Asia/Kolkata"]) {
    it(`rounds in local time for ${tz} (where the local result is unambiguous)`, () => {
      for (const unit of ["ms", "ns"] as const) {
        const values = randomInstants(77, unit, 600).filter((v) => v === null || (v > -62_000_000_000n * REF_UPS[unit]));
        const col = tsColumn(values, unit, tz);
        const ups = REF_UPS[unit];
        for (const f of ["1min", "15min", "1h", "1D"]) {
          const q = BigInt(parseFrequency(f).nanos) / (1_000_000_000n / ups);
          for (const mode of ["floor", "ceil", "round"] as const) {
            const got = columnToValues(dtRound(col, mode, parseFrequency(f), "r"));
            values.forEach((v, i) => {
              if (v === null) { expect(got[i]).toBe(null); return; }
              const off = BigInt(refParts(v, unit, tz).offset) * ups;
              const local = refRoundTo(v + off, q, mode);
              const ms = (x: bigint): number => Number(x / ups) * 1000;
              const valid = [...new Set([off, BigInt(refOffset(ms(local - off), tz)) * ups])]
                .filter((o) => BigInt(refOffset(ms(local - o), tz)) * ups === o);
              if (valid.length === 1) expect(got[i], `${mode} ${f} of ${v}`).toBe(local - valid[0]);
            });
          }
        }
      }
    });
  }

  it("calendar floors (W Monday, M, Q, Y) in local time, and on dates", () => {
    for (const tz of [null, "Europe/Berlin", "America/New_York"]) {
      const values = randomInstants(99, "us", 500).filter((v) => v === null || v > -59_000_000_000n * 1_000_000n);
      const col = tsColumn(values, "us", tz);
      for (const [f, period] of [["1W", "W"], ["1M", "M"], ["1Y", "Y"], ["1D", "D"]] as const) {
        const got = columnToValues(dtRound(col, "floor", parseFrequency(f), "r"));
        expect(got, `${f} ${tz}`).toEqual(values.map((v) => (v === null ? null : refFloorCalendar(v, "us", tz, period))));
      }
    }
    const days = columnFromValues(dtypes.date32, ["2024-02-29", "1969-12-31", "1900-03-01", null, "2100-12-31"]);
    const iso = (c: Column) => columnToValues(dtStrftime(c, "%F", "s"));
    expect(iso(dtRound(days, "floor", parseFrequency("1M"), "r"))).toEqual(["2024-02-01", "1969-12-01", "1900-03-01", null, "2100-12-01"]);
    expect(iso(dtRound(days, "floor", parseFrequency("Q"), "r"))).toEqual(["2024-01-01", "1969-10-01", "1900-01-01", null, "2100-10-01"]);
    expect(iso(dtRound(days, "floor", parseFrequency("1Y"), "r"))).toEqual(["2024-01-01", "1969-01-01", "1900-01-01", null, "2100-01-01"]);
    expect(iso(dtRound(days, "floor", parseFrequency("1W"), "r"))).toEqual(["2024-02-26", "1969-12-29", "1900-02-26", null, "2100-12-27"]);
    expect(iso(dtRound(days, "ceil", parseFrequency("7D"), "r"))).toEqual(["2024-02-29", "1970-01-01", "1900-03-01", null, "2101-01-06"]);
  });

  it("handles the repeated and the skipped hour of a DST change", () => {
    const at = (iso: string): bigint => BigInt(Date.parse(iso));
    const iso = (c: Column) => columnToValues(c).map((v) => (v === null ? null : new Date(Number(v)).toISOString()));
    // Berlin 2024-10-27: 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) floor to their own 02:00
    const berlin = tsColumn([at("2024-10-27T00:30:00Z"), at("2024-10-27T01:30:00Z"), at("2024-03-31T12:00:00Z")], "ms", "Europe/Berlin");
    expect(iso(dtRound(berlin, "floor", parseFrequency("1h"), "f"))).toEqual(["2024-10-27T00:00:00.000Z", "2024-10-27T01:00:00.000Z", "2024-03-31T12:00:00.000Z"]);
    expect(iso(dtRound(berlin, "floor", parseFrequency("1D"), "f"))).toEqual(["2024-10-26T22:00:00.000Z", "2024-10-26T22:00:00.000Z", "2024-03-30T23:00:00.000Z"]);
    expect(iso(dtRound(berlin, "ceil", parseFrequency("1D"), "f"))).toEqual(["2024-10-27T23:00:00.000Z", "2024-10-27T23:00:00.000Z", "2024-03-31T22:00:00.000Z"]);
    // New York 2024-03-10: 01:30 EST ceils to 02:00, which does not exist: shifted forward to 03:00 EDT
    const ny = tsColumn([at("2024-03-10T06:30:00Z")], "ms", "America/New_York");
    expect(iso(dtRound(ny, "ceil", parseFrequency("1h"), "c"))).toEqual(["2024-03-10T07:00:00.000Z"]);
  });

  it("never wraps: a result beyond the int64 range is INT_OVERFLOW naming the row", () => {
    const col = tsColumn([0n, 9_223_372_036_854_775_807n], "ns", null);
    expectDuskError(() => dtRound(col, "ceil", parseFrequency("1h"), "ts.dt.ceil(\"1h\")"), "INT_OVERFLOW", ["row 1", "ts.dt.ceil"]);
  });
});

describe("dt strftime", () => {
  const FORMAT = "%Y-%m-%d %H:%M:%S.%f %j %a %A %b %B %y %z %Z %I%p %u %w [%e] %F %T %% ü";
  for (const unit of UNITS) {
    for (const tz of [null, "America/New_York", "Asia/Kolkata"]) {
      it(`matches a Python-style reference for timestamp[${unit}${tz ? `, ${tz}` : ""}]`, () => {
        const values = randomInstants(3 + unit.length, unit, 400);
        const got = columnToValues(dtStrftime(tsColumn(values, unit, tz), FORMAT, "s"));
        expect(got).toEqual(values.map((v) => (v === null ? null : refStrftime(refParts(v, unit, tz), FORMAT, tz))));
      });
    }
  }
  it("formats dates (time fields zero) and rejects unknown directives", () => {
    const year5 = new Date(0);
    year5.setUTCFullYear(5, 0, 1);
    const col = columnFromValues(dtypes.date32, ["2024-02-29", null, year5.getTime() / 86_400_000]);
    expect(columnToValues(dtStrftime(col, "%d/%m/%Y %H %a", "s"))).toEqual(["29/02/2024 00 Thu", null, "01/01/0005 00 Sat"]);
    expectDuskError(() => dtStrftime(col, "%Q", "d.dt.strftime(\"%Q\")"), "INVALID_ARGUMENT", ["%Q", "supported"]);
  });
});

describe("time zone offsets", () => {
  it("agree with Intl second by second around transitions", () => {
    for (const [zone, at] of [["Europe/Berlin", SWITCHES[0]], ["Australia/Lord_Howe", Date.UTC(2024, 3, 6, 15) / 1000], ["Europe/Amsterdam", Date.UTC(1920, 0, 1) / 1000]] as const) {
      const z = tzOffsets(zone);
      for (let s = at - 7200; s < at + 7200; s += 97) expect(z.offset(s), `${zone} ${s}`).toBe(refOffset(s * 1000, zone));
    }
  });
  it("take fixed offsets such as +05:30, which Intl does not", () => {
    const col = tsColumn([0n, null], "s", "+05:30");
    expect(columnToValues(dtStrftime(col, "%H:%M%z", "s"))).toEqual(["05:30+0530", null]);
    expect(columnToValues(dtRound(col, "floor", parseFrequency("1D"), "f"))).toEqual([-19800n, null]);
  });
  it("reject an unknown zone", () => {
    expectDuskError(() => dtField(tsColumn([1n], "s", "Mars/Olympus"), "hour", "h"), "INVALID_ARGUMENT", ["Mars/Olympus", "IANA"]);
  });
  it("are fast: half a million tz-aware values well under a second", () => {
    const n = 500_000;
    const values = new BigInt64Array(n);
    for (let i = 0; i < n; i++) values[i] = BigInt(1_700_000_000_000 + i * 61_000);
    const col: Column = { layout: "primitive", dtype: dtypes.timestamp("ms", "Europe/Berlin"), length: n, values, validity: null };
    const t0 = performance.now();
    dtField(col, "hour", "h");
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
