/**
 * Source text of the fast row loop for one sequence of column kinds: straight-line code per field
 * (no dispatch on the kind, each column's arrays in locals, the separator and quote as literals).
 * On this workload a loop that dispatches per field spends about as long on the dispatch as on
 * the parsing (db-benchmark groupby rows: 156 ns per row generic, 83 ns straight-line, without
 * interning); so {@link FastRowParser} compiles this source once per kind sequence, as kernels'
 * `specialize` compiles loops per array class.
 *
 * Text fields are not scanned byte by byte: their first 12 bytes are read as three words (q0, q1,
 * q2), which both find the field's end (one "has a byte below" test per word when every stop byte
 * is below "0", else a "has byte" test per stop byte) and are the key
 * {@link StringDictionary.internShort} hashes, or, in a column gone plain, what is stored (three
 * word stores for an ASCII value). db-benchmark's id columns are 5 and 12 bytes. Fields no column
 * keeps are skipped by the same test, a word at a time (a query reading two of nine columns spent
 * as long on the skipped bytes, one table lookup each, as on parsing the two).
 *
 * The generated function is self-contained. Its parameters:
 * `(src, pos, limit, end, r, rowEnd, cols, na, naMax, cls, qcls, startBail, POW10, qna, out)` where
 * `cols[c]` is the builder of field c (null when skipped), `qna` the null strings of quoted fields; it writes `[next position, next row,
 * bailed (0/1)]` to `out`.
 *
 * @example
 * ```ts
 * const source = fastRowsSource([FAST_DICT, FAST_INT64, SKIP_FIELD], 44, 34, [44, 10, 13]);
 * const loop = new Function(source)();
 * ```
 */
import { FAST_DICT, FAST_FLOAT, FAST_GENERIC, FAST_INT64, FAST_PLAIN, FAST_SMALL_INT } from "./columns/builder.js";

/** The kind of a field no column keeps. */
export const SKIP_FIELD = 6;

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

/**
 * An int32 expression over the word `w` (four bytes, little-endian): nonzero when one of its bytes
 * is a stop byte, and then its lowest set bit is bit 7 of the first such byte ("has zero byte" on
 * `w` xor the byte repeated: borrows make false positives only above a true match).
 */
function stopTest(w: string, stops: readonly number[]): string {
  const terms = stops.map((b) => {
    const x = `(${w} ^ ${(b * 0x01010101) | 0})`;
    return `((${x} - 0x01010101) & ~${x})`;
  });
  return `(${terms.join(" | ")}) & 0x80808080`;
}

/**
 * The word test that finds the first stop byte of a word (see {@link stopTest}). When every stop
 * byte is below "0" (the default ",", "\t", line breaks) it is one "has a byte below" test instead of
 * one "has this byte" test per stop byte: its first match is exact, but may be a byte below the
 * bound that is no stop (`exact` false), which the code using it checks.
 */
function wordStopTest(stops: readonly number[]): { test: (w: string) => string; exact: boolean } {
  const below = Math.max(...stops) + 1;
  if (below <= 48) return { test: (w) => `((${w} - ${(below * 0x01010101) | 0}) & ~${w} & 0x80808080)`, exact: false };
  return { test: (w) => stopTest(w, stops), exact: true };
}

/**
 * Code finding the end of an unquoted text field starting at `s` (leaving `i` there and its length
 * in `len`): its first 12 bytes are read as three little-endian words, which both find the end (by
 * {@link wordStopTest}) and, when it is within them (`packed`), are the value zero-padded; a longer
 * field, or one too near the end of `src` for the words, is scanned byte by byte.
 */
function wordScan(stops: readonly number[]): string {
  const { test, exact } = wordStopTest(stops);
  // a byte the test matches that is no stop (a space, say) sends the field to the bytewise scan
  const recheck = exact ? "" : "\n        if (cls[src[i]] === 0) { packed = false; while (cls[src[i]] === 0) i++; }";
  return `let q0 = 0, q1 = 0, q2 = 0, packed = s + 12 <= srcLen;
        if (packed) {
          q0 = dv.getInt32(s, true);
          let t = ${test("q0")};
          if (t !== 0) { const k = (31 - Math.clz32(t & -t)) >> 3; i = s + k; q0 &= (1 << (k << 3)) - 1; }
          else {
            q1 = dv.getInt32(s + 4, true);
            t = ${test("q1")};
            if (t !== 0) { const k = (31 - Math.clz32(t & -t)) >> 3; i = s + 4 + k; q1 &= (1 << (k << 3)) - 1; }
            else {
              q2 = dv.getInt32(s + 8, true);
              t = ${test("q2")};
              if (t !== 0) { const k = (31 - Math.clz32(t & -t)) >> 3; i = s + 8 + k; q2 &= (1 << (k << 3)) - 1; }
              else { i = s + 12; while (cls[src[i]] === 0) i++; packed = i === s + 12; }
            }
          }${recheck}
        } else while (cls[src[i]] === 0) i++;
        const len = i - s;`;
}

/**
 * Code moving `i` from the start of a field no column keeps to the byte after it, four bytes at a
 * time ({@link wordStopTest} per word); bytewise within the last four bytes of `src`.
 */
function skipScan(stops: readonly number[]): string {
  const { test, exact } = wordStopTest(stops);
  // a byte the test matches that is no stop (a space, say): go on after it
  const stop = exact ? "break;" : `if (cls[src[i]] !== 0) break;
          i++;`;
  return `for (;;) {
          if (i + 4 > srcLen) { while (cls[src[i]] === 0) i++; break; }
          const w = dv.getInt32(i, true), t = ${test("w")};
          if (t === 0) { i += 4; continue; }
          i += (31 - Math.clz32(t & -t)) >> 3;
          ${stop}
        }`;
}

/**
 * Code parsing field `c` of the given kind (the field starts at `s`, unquoted) and leaving `i` at
 * the byte after it. `ends` is a test that this byte is one the field may end with in this
 * position (the separator, or a line break for the last field): a number followed by anything else
 * goes the generic way (and the row is given up at the check after the field, if not before).
 */
function fieldCode(kind: number, c: number, stops: readonly number[], ends: string): string {
  switch (kind) {
    case FAST_INT64:
      return `{ ${digits}
        if (nd > 0 && nd <= 15 && ${ends}) {
          if (v >= 0 && v < 2147483648) { w${c}[2 * r] = v; w${c}[2 * r + 1] = 0; }
          else { const hi = Math.floor(v / 4294967296); w${c}[2 * r] = (v - hi * 4294967296) | 0; w${c}[2 * r + 1] = hi; }
        } else { ${generic(c)} } }`;
    case FAST_SMALL_INT:
      return `{ ${digits}
        if (nd > 0 && nd <= 10 && ${ends} && v >= min${c} && v <= max${c}) v${c}[r] = v;
        else { ${generic(c)} } }`;
    case FAST_FLOAT:
      // Clinger's fast path, as parseFloatBytes: at most 15 digits and 10^scale are exact, one rounding
      return `{ const neg = src[i] === 45;
        if (neg) i++;
        const ds = i;
        let m = 0, scale = 0;
        let d = src[i] - 48;
        while (d >= 0 && d <= 9) { m = m * 10 + d; i++; d = src[i] - 48; }
        let nd = i - ds;
        if (src[i] === 46) {
          const fs = ++i;
          d = src[i] - 48;
          while (d >= 0 && d <= 9) { m = m * 10 + d; i++; d = src[i] - 48; }
          scale = i - fs;
          nd += scale;
        }
        if (nd > 0 && nd <= 15 && ${ends}) { const x = m / POW10[scale]; f${c}[r] = neg ? -x : x; }
        else { i = s; ${generic(c)} } }`;
    case FAST_DICT:
      return `{ ${wordScan(stops)}
        if (len <= naMax && (len === 0 || naHead[src[s]] !== 0) && na.matches(src, s, i)) { n${c}.setNull(r); k${c}[r] = 0; }
        else { const id = packed ? d${c}.internShort(len, q0, q1, q2, src, s) : d${c}.intern(src, s, i); if (id < 0) ${BAIL} k${c}[r] = id; } }`;
    case FAST_PLAIN:
      // bytes appended at p${c} (room for 12 more kept, so the three words are stored whole); the
      // offsets say where each row ends; an ASCII value of at most 12 bytes is stored as its words
      return `{ ${wordScan(stops)}
        if (len <= naMax && (len === 0 || naHead[src[s]] !== 0) && na.matches(src, s, i)) n${c}.setNull(r);
        else {
          if (p${c} + len + 12 > t${c}.length) { t${c} = b${c}.growData(p${c}, p${c} + len + 12); tv${c} = new DataView(t${c}.buffer, t${c}.byteOffset, t${c}.byteLength); }
          if (packed && ((q0 | q1 | q2) & -2139062144) === 0) { tv${c}.setInt32(p${c}, q0, true); tv${c}.setInt32(p${c} + 4, q1, true); tv${c}.setInt32(p${c} + 8, q2, true); }
          else if (!b${c}.copyValue(src, s, i, p${c})) ${BAIL}
          p${c} += len;
        }
        o${c}[r + 1] = p${c}; }`;
    case FAST_GENERIC:
      return `{ ${generic(c)} }`;
    default: // SKIP_FIELD
      return skipScan(stops);
  }
}

function localsCode(kind: number, c: number): string {
  switch (kind) {
    case FAST_INT64: return `const b${c} = cols[${c}], w${c} = b${c}.words;`;
    case FAST_SMALL_INT: return `const b${c} = cols[${c}], v${c} = b${c}.values, min${c} = b${c}.min, max${c} = b${c}.max;`;
    case FAST_FLOAT: return `const b${c} = cols[${c}], f${c} = b${c}.values;`;
    case FAST_DICT: return `const b${c} = cols[${c}], k${c} = b${c}.codes, d${c} = b${c}.dict, n${c} = b${c}.validity;`;
    case FAST_PLAIN: return `const b${c} = cols[${c}], o${c} = b${c}.offsets, n${c} = b${c}.validity;
  let t${c} = b${c}.data, tv${c} = new DataView(t${c}.buffer, t${c}.byteOffset, t${c}.byteLength), p${c} = o${c}[r];`;
    case FAST_GENERIC: return `const b${c} = cols[${c}];`;
    default: return "";
  }
}

/**
 * The body of a function returning the row loop for fields of the given kinds; `stops` are the
 * bytes that end an unquoted field (those `cls` marks).
 */
export function fastRowsSource(kinds: readonly number[], sep: number, quote: number, stops: readonly number[]): string {
  const last = kinds.length - 1;
  const fields = kinds.map((kind, c) => {
    const quoted = kind === SKIP_FIELD
      ? `while (j < limit && qcls[src[j]] === 0) j++;
        if (src[j] !== ${quote}) ${BAIL}`
      : `while (j < limit && qcls[src[j]] === 0) j++;
        if (src[j] !== ${quote} || !b${c}.appendValue(src, s + 1, j, r, qna)) ${BAIL}`;
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
      } else ${fieldCode(kind, c, stops, c < last ? `src[i] === ${sep}` : "(src[i] === 10 || src[i] === 13)")}
      ${after}`;
  });
  return `"use strict";
return function fastRows(src, pos, limit, end, r, rowEnd, cols, na, naMax, cls, qcls, startBail, POW10, qna, out) {
  ${kinds.map(localsCode).join("\n  ")}
  ${kinds.some((k) => k === FAST_DICT || k === FAST_PLAIN || k === SKIP_FIELD) ? "const dv = new DataView(src.buffer, src.byteOffset, src.byteLength), srcLen = src.length, naHead = na.heads;" : ""}
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
