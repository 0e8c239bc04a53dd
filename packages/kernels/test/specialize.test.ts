import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { compare, columnFromValues } from "@dusk/kernels";
import { specialize } from "../src/specialize.js";

function addLoop(a: Float64Array | Int32Array, b: Float64Array | Int32Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
}

describe("specialize", () => {
  it("compiles one copy per combination of array classes and reuses it", () => {
    const f = new Float64Array([1, 2]), i = new Int32Array([3, 4]);
    const ff = specialize(addLoop, f, f, f);
    const fi = specialize(addLoop, f, i, f);
    expect(ff).not.toBe(addLoop);
    expect(fi).not.toBe(ff);
    expect(specialize(addLoop, f, f, f)).toBe(ff);
    const out = new Float64Array(2);
    fi(f, i, out, 2);
    expect(Array.from(out)).toEqual([4, 6]);
  });
  it("keeps kernels correct across every array class in one process", () => {
    for (const k of ["int8", "int16", "int32", "uint8", "uint16", "uint32", "float32", "float64"] as const) {
      const c = columnFromValues(dtypes[k], [1, 2, null]);
      expect(Array.from(compare("lt", c, { dtype: dtypes[k], value: 2 }, 3).values)).toEqual([1, 0, 0]);
    }
  });
});
