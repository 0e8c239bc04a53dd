import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import {
  formatFloat32, formatFloat64, formatValue, writeDateAscii, writeInt64Ascii, writeTimestampAscii, type ScalarValue,
} from "@dusk/kernels";
import { ALL_DTYPES, Rng, intEdges, randomValue } from "./helpers/random.js";
import { isShortestFloat32, refDate, refFloat64, refText, refTimestamp } from "./helpers/reference-format.js";

const dec = new TextDecoder();

describe("formatValue", () => {
  it("matches the reference for every dtype", () => {
    const rng = new Rng(3);
    for (const d of ALL_DTYPES) {
      for (let k = 0; k < 500; k++) {
        const v = randomValue(rng, d);
        const got = formatValue(v, d);
        if (d.kind === "float32") expect(isShortestFloat32(got, v as number), `${v} → ${got}`).toBe(true);
        else if (d.kind === "utf8") expect(got).toBe(v);
        else expect(got, `${d.kind} ${String(v)}`).toBe(refText(v, d));
      }
    }
    expect(formatValue(null, dtypes.int32)).toBe("null");
  });
  it("writes floats as pandas shows them", () => {
    const cases: [number, string][] = [[1, "1.0"], [-0, "-0.0"], [0, "0.0"], [0.1, "0.1"], [1e21, "1e+21"], [1e20, "100000000000000000000.0"],
      [NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"], [-2.5, "-2.5"], [5e-324, "5e-324"], [123456789, "123456789.0"]];
    for (const [x, s] of cases) expect(formatFloat64(x)).toBe(s);
    expect(formatFloat32(Math.fround(0.1))).toBe("0.1");
    expect(formatFloat32(Math.fround(16777217))).toBe("16777216.0");
    expect(formatFloat32(Math.fround(3.4028234663852886e38))).toBe("3.4028235e+38");
    for (const x of [1, -0, 1e21, NaN]) expect(formatFloat32(x)).toBe(refFloat64(x));
  });
  it("writes dates and timestamps at the edges of their ranges", () => {
    const out = new Uint8Array(64);
    for (const d of [0, -1, -719528, -719529, 2932896, 2932897, 2147483647, -2147483648, 19782, -25508]) {
      expect(dec.decode(out.subarray(0, writeDateAscii(out, 0, d)))).toBe(refDate(d));
    }
    expect(refDate(0)).toBe("1970-01-01");
    expect(refDate(2932897)).toBe("+10000-01-01");
    expect(refDate(-719529)).toBe("-0001-12-31");
    const w = new Int32Array(new BigInt64Array(1).buffer);
    const big = new BigInt64Array(w.buffer);
    for (const unit of ["s", "ms", "us", "ns"] as const) {
      for (const v of [...intEdges("int64"), -1n, 1n, 1500n, -1500n]) {
        big[0] = v;
        const text = dec.decode(out.subarray(0, writeTimestampAscii(out, 0, w[0], w[1], unit, false)));
        expect(text, `${v} ${unit}`).toBe(refTimestamp(v, unit, null));
      }
    }
    expect(formatValue(-1n, dtypes.timestamp("ns"))).toBe("1969-12-31 23:59:59.999999999");
    expect(formatValue(1500n, dtypes.timestamp("ms", "UTC"))).toBe("1970-01-01 00:00:01.500+00:00");
    expect(formatValue(2n ** 63n - 1n, dtypes.timestamp("ns"))).toBe("2262-04-11 23:47:16.854775807");
  });
  it("writes 64-bit integers from their words exactly", () => {
    const rng = new Rng(9);
    const out = new Uint8Array(32);
    const buf = new BigInt64Array(1);
    const ubuf = new BigUint64Array(buf.buffer);
    const w = new Int32Array(buf.buffer);
    const values: bigint[] = [...intEdges("int64"), ...intEdges("uint64")];
    for (let k = 0; k < 3000; k++) values.push(rng.bigint(-(2n ** 63n), 2n ** 64n - 1n));
    for (const v of values) {
      if (v < 2n ** 63n) {
        buf[0] = v;
        expect(dec.decode(out.subarray(0, writeInt64Ascii(out, 0, w[0], w[1], false)))).toBe(String(v));
      }
      if (v >= 0n) {
        ubuf[0] = v;
        expect(dec.decode(out.subarray(0, writeInt64Ascii(out, 0, w[0], w[1], true)))).toBe(String(v));
      }
    }
  });
  it("formats every value type it is given", () => {
    const v: ScalarValue = true;
    expect(formatValue(v, dtypes.bool)).toBe("true");
    expect(formatValue("x", dtypes.utf8)).toBe("x");
    expect(formatValue(2n ** 64n - 1n, dtypes.uint64)).toBe("18446744073709551615");
  });
});
