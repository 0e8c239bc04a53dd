/** Dates and timestamps in strptime-like formats, against Date.UTC on random values. */
import { describe, expect, it } from "vitest";
import { compileDateFormat, parseFormattedDate, parseFormattedTimestamp } from "@dusk/kernels";
import { expectDuskError } from "./helpers/expect.js";
import { seeded } from "./helpers/rng.js";

const enc = (s: string) => new TextEncoder().encode(s);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function ts(text: string, fmt: string, unit: "s" | "ms" | "us" | "ns" = "us"): bigint | null {
  const w = new Int32Array(2);
  const b = enc(text);
  if (!parseFormattedTimestamp(b, 0, b.length, compileDateFormat(fmt), unit, w, 0)) return null;
  return new BigInt64Array(w.buffer)[0];
}

describe("parseFormattedTimestamp and parseFormattedDate", () => {
  it("match Date.UTC on random values in several layouts", () => {
    const rng = seeded(5);
    for (let k = 0; k < 2000; k++) {
      const y = rng.range(1850, 2150), m = rng.range(1, 12), d = rng.range(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
      const h = rng.range(0, 23), mi = rng.range(0, 59), s = rng.range(0, 59), us = rng.range(0, 999999);
      const want = BigInt(Date.UTC(y, m - 1, d, h, mi, s)) * 1000n + BigInt(us);
      expect(ts(`${pad(d)}/${pad(m)}/${y} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(us, 6)}`, "%d/%m/%Y %H:%M:%S.%f")).toBe(want);
      const h12 = h % 12 === 0 ? 12 : h % 12;
      expect(ts(`${MON[m - 1]} ${d}, ${y} ${h12}:${pad(mi)} ${h < 12 ? "AM" : "PM"}`, "%b %d, %Y %I:%M %p")).toBe(want - BigInt(s) * 1000000n - BigInt(us));
      const days = Date.UTC(y, m - 1, d) / 86400000;
      expect(parseFormattedDate(enc(`${y}${pad(m)}${pad(d)}`), 0, 8, compileDateFormat("%Y%m%d"))).toBe(days);
    }
  });

  it("converts offsets to UTC, reads %y, %j and fractions exactly, and refuses what does not fit", () => {
    expect(ts("2024-03-10T10:00:00+02:00", "%Y-%m-%dT%H:%M:%S%z", "s")).toBe(BigInt(Date.UTC(2024, 2, 10, 8)) / 1000n);
    expect(ts("2024-03-10 10:00Z", "%Y-%m-%d %H:%M%z", "ms")).toBe(BigInt(Date.UTC(2024, 2, 10, 10)));
    expect(ts("05-01-69", "%d-%m-%y", "s")).toBe(BigInt(Date.UTC(1969, 0, 5)) / 1000n);
    expect(ts("05-01-68", "%d-%m-%y", "s")).toBe(BigInt(Date.UTC(2068, 0, 5)) / 1000n);
    expect(ts("2024-060", "%Y-%j", "s")).toBe(BigInt(Date.UTC(2024, 1, 29)) / 1000n);
    expect(ts("2024 1.123456789", "%Y %S.%f", "ns")).toBe(BigInt(Date.UTC(2024, 0, 1, 0, 0, 1)) * 1000000n + 123456789n);
    expect(ts("2024 1.123456789", "%Y %S.%f", "us")).toBeNull(); // finer than the unit: not rounded
    expect(ts("2024 1.5000", "%Y %S.%f", "ms")).toBe(BigInt(Date.UTC(2024, 0, 1, 0, 0, 1)) + 500n);
    for (const bad of ["31/02/2024", "29/02/2023", "00/01/2024", "1/13/2024", "01/01/24", "01/01/2024x", "aa/01/2024"]) {
      expect(parseFormattedDate(enc(bad), 0, bad.length, compileDateFormat("%d/%m/%Y")), bad).toBeNaN();
    }
    expect(ts("13:00 PM 2024", "%I:%M %p %Y")).toBeNull();
    expect(ts("  2024-01-02  ", "%Y-%m-%d", "s")).toBe(BigInt(Date.UTC(2024, 0, 2)) / 1000n);
  });

  it("refuses unknown directives, formats without a year, and %I without %p", () => {
    expectDuskError(() => compileDateFormat("%d/%q/%Y"), "INVALID_ARGUMENT", ["%q is not supported"]);
    expectDuskError(() => compileDateFormat("%d/%m"), "INVALID_ARGUMENT", ["has no year"]);
    expectDuskError(() => compileDateFormat("%Y %I:%M"), "INVALID_ARGUMENT", ["%I and %p go together"]);
    expect(compileDateFormat("%Y-%m-%d").hasTime).toBe(false);
    expect(compileDateFormat("%Y-%m-%d %H").hasTime).toBe(true);
  });
});
