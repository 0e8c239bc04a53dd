/**
 * Assertions shared by the kernel tests: value lists compared exactly (NaN equal to NaN, −0 apart
 * from 0), and DuskErrors checked for code and message fragments.
 */
import { expect } from "vitest";
import { isDuskError, type ErrorCode } from "@dusk/core";
import { columnToValues, type Column, type ScalarValue } from "@dusk/kernels";

const norm = (v: ScalarValue): ScalarValue =>
  typeof v === "number" ? (Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v) : v;

/** Expects a column to hold exactly `want` (and to be well-formed: length, layout of bool values). */
export function expectColumn(col: Column, want: readonly ScalarValue[], message = ""): void {
  expect(col.length, message).toBe(want.length);
  expect(columnToValues(col).map(norm), message).toEqual(want.map(norm));
}

/** Runs `f`, expecting a DuskError with `code` whose message contains every fragment. */
export function expectDuskError(f: () => unknown, code: ErrorCode, fragments: readonly string[], message = ""): void {
  let thrown: unknown;
  try { f(); } catch (e) { thrown = e; }
  expect(isDuskError(thrown, code), `${message}: expected ${code}, got ${String(thrown)}`).toBe(true);
  const text = (thrown as Error).message;
  for (const f of fragments) expect(text, message).toContain(f);
}

/** Expects every value under a null row of a bool or primitive column to be zero (the kernels' convention). */
export function expectZeroUnderNulls(col: Column, message = ""): void {
  if ((col.layout !== "bool" && col.layout !== "primitive") || col.validity === null) return;
  const v = col.values;
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const width = col.length === 0 ? 0 : v.byteLength / col.length;
  let bad = -1;
  for (let i = 0; i < col.length && bad < 0; i++) {
    if (((col.validity[i >> 3] >> (i & 7)) & 1) === 1) continue;
    for (let b = 0; b < width; b++) if (bytes[i * width + b] !== 0) bad = i;
  }
  expect(bad, `${message}: non-zero value under null row`).toBe(-1);
}
