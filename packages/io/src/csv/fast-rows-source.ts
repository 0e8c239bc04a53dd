/**
 * Source text of the fast row loop for one sequence of column kinds: straight-line code per field
 * (no dispatch on the kind, each column's arrays in locals, the separator and quote as literals).
 * On this workload a loop that dispatches per field spends about as long on the dispatch as on
 * the parsing (db-benchmark groupby rows: 156 ns per row generic, 83 ns straight-line, without
 * interning); so {@link FastRowParser} compiles this source once per kind sequence, as kernels'
 * `specialize` compiles loops per array class.
 *
 * The generated function is self-contained. Its parameters:
 * `(src, pos, limit, end, r, rowEnd, cols, na, naMax, cls, qcls, startBail, POW10, out)` where
 * `cols[c]` is the builder of field c (null when skipped); it writes `[next position, next row,
 * bailed (0/1)]` to `out`.
 *
 * @example
 * ```ts
 * const source = fastRowsSource([FAST_DICT, FAST_INT64, SKIP_FIELD], 44, 34);
 * const loop = new Function(source)();
 * ```
 */
import { FAST_DICT, FAST_FLOAT, FAST_GENERIC, FAST_INT64, FAST_SMALL_INT } from "./columns/builder.js";

/** The kind of a field no column keeps. */
export const SKIP_FIELD = 5;

const BAIL = "{ i = rowStart; bailed = 1; break rows; }";

/** Scans to the end of an unquoted field, then hands it to the builder's appendValue. */
const generic = (c: number): string => `while (cls[src[i]] === 0) i++;
        if (!b${c}.appendValue(src, s, i, r)) ${BAIL}`;

/** `[-]digits` accumulated in v; falls back to appendValue for anything else. */
const digits = `const neg = src[i] === 45;
        if (neg) i++;
        const ds = i;
        let v = 0;
        let d = src[i] - 48;
        while (d >= 0 && d <= 9) { v = v * 10 + d; i++; d = src[i] - 48; }
        const nd = i - ds;
        if (neg) v = -v;`;

function fieldCode(kind: number, c: number): string {
  switch (kind) {
    case FAST_INT64:
      return `{ ${digits}
        if (nd > 0 && nd <= 15 && cls[src[i]] !== 0) {
          if (v >= 0 && v < 2147483648) { w${c}[2 * r] = v; w${c}[2 * r + 1] = 0; }
          else { const hi = Math.floor(v / 4294967296); w${c}[2 * r] = (v - hi * 4294967296) | 0; w${c}[2 * r + 1] = hi; }
        } else { ${generic(c)} } }`;
    case FAST_SMALL_INT:
      return `{ ${digits}
        if (nd > 0 && nd <= 10 && cls[src[i]] !== 0 && v >= min${c} && v <= max${c}) v${c}[r] = v;
        else { ${generic(c)} } }`;
    case FAST_FLOAT:
      // Clinger's fast path, as parseFloatBytes: at most 15 digits and 10^scale are exact, one rounding
      return `{ const neg = src[i] === 45;
        if (neg) i++;
        let m = 0, nd = 0, scale = 0;
        let d = src[i] - 48;
        while (d >= 0 && d <= 9) { m = m * 10 + d; nd++; i++; d = src[i] - 48; }
        if (src[i] === 46) {
          i++;
          d = src[i] - 48;
          while (d >= 0 && d <= 9) { m = m * 10 + d; nd++; scale++; i++; d = src[i] - 48; }
        }
        if (nd > 0 && nd <= 15 && cls[src[i]] !== 0) { const x = m / POW10[scale]; f${c}[r] = neg ? -x : x; }
        else { i = s; ${generic(c)} } }`;
    case FAST_DICT:
      return `{ while (cls[src[i]] === 0) i++;
        if (i - s <= naMax && na.matches(src, s, i)) { n${c}.setNull(r); k${c}[r] = 0; }
        else { const id = d${c}.intern(src, s, i); if (id < 0) ${BAIL} k${c}[r] = id; } }`;
    case FAST_GENERIC:
      return `{ ${generic(c)} }`;
    default: // SKIP_FIELD
      return "while (cls[src[i]] === 0) i++;";
  }
}

function localsCode(kind: number, c: number): string {
  switch (kind) {
    case FAST_INT64: return `const b${c} = cols[${c}], w${c} = b${c}.words;`;
    case FAST_SMALL_INT: return `const b${c} = cols[${c}], v${c} = b${c}.values, min${c} = b${c}.min, max${c} = b${c}.max;`;
    case FAST_FLOAT: return `const b${c} = cols[${c}], f${c} = b${c}.values;`;
    case FAST_DICT: return `const b${c} = cols[${c}], k${c} = b${c}.codes, d${c} = b${c}.dict, n${c} = b${c}.validity;`;
    case FAST_GENERIC: return `const b${c} = cols[${c}];`;
    default: return "";
  }
}

/** The body of a function returning the row loop for fields of the given kinds. */
export function fastRowsSource(kinds: readonly number[], sep: number, quote: number): string {
  const last = kinds.length - 1;
  const fields = kinds.map((kind, c) => {
    const quoted = kind === SKIP_FIELD
      ? `while (j < limit && qcls[src[j]] === 0) j++;
        if (src[j] !== ${quote}) ${BAIL}`
      : `while (j < limit && qcls[src[j]] === 0) j++;
        if (src[j] !== ${quote} || !b${c}.appendValue(src, s + 1, j, r)) ${BAIL}`;
    const after = c < last
      ? `if (src[i] !== ${sep}) ${BAIL}
      i++;`
      : `if (src[i] === 10) i++;
      else if (src[i] === 13 && i + 1 < end) { i++; if (src[i] === 10) i++; }
      else ${BAIL}`;
    return `      // field ${c}
      s = i;
      if (src[i] === ${quote}) {
        let j = i + 1;
        ${quoted}
        i = j + 1;
      } else ${fieldCode(kind, c)}
      ${after}`;
  });
  return `"use strict";
return function fastRows(src, pos, limit, end, r, rowEnd, cols, na, naMax, cls, qcls, startBail, POW10, out) {
  ${kinds.map(localsCode).join("\n  ")}
  let i = pos;
  let bailed = 0;
  let s = 0;
  rows: while (r < rowEnd && i <= limit) {
    const rowStart = i;
    if (startBail[src[i]] !== 0) { bailed = 1; break; }
${fields.join("\n")}
    r++;
  }
  out[0] = i;
  out[1] = r;
  out[2] = bailed;
};`;
}
