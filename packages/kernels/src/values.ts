/**
 * Reading columns back as JS values: for results at the edges and for tests, never for hot loops.
 */
import type { Column, ScalarValue } from "./column.js";
import { utf8Value } from "./utf8.js";
import { isValid } from "./validity.js";

/** The value at row i (null when null): numbers, bigints (64-bit kinds), strings or booleans. */
export function valueAt(col: Column, i: number): ScalarValue {
  if (!isValid(col.validity, i)) return null;
  switch (col.layout) {
    case "bool": return col.values[i] !== 0;
    case "primitive": return col.values[i];
    case "utf8": return utf8Value(col, i);
    case "dict": return utf8Value(col.dictionary, col.codes[i]);
  }
}

/** Every value of a column as a JS array. */
export function columnToValues(col: Column): ScalarValue[] {
  const out = new Array<ScalarValue>(col.length);
  for (let i = 0; i < col.length; i++) out[i] = valueAt(col, i);
  return out;
}
