/**
 * The value of a field whose raw text needs rewriting before it is parsed or stored: doubled
 * quotes, escape characters, or text after the closing quote (the tokenizer marks such fields).
 * The value is written to a reusable scratch buffer, so the slow path allocates only when the
 * buffer must grow.
 *
 * @example
 * ```ts
 * const s = new FieldScratch();
 * const b = new TextEncoder().encode('"say ""hi"""');
 * const n = unescapeField(b, 0, b.length, 34, -1, s); // s.bytes[0, n) = say "hi"
 * ```
 */

/** A growable byte buffer reused for unescaped field values. */
export class FieldScratch {
  bytes: Uint8Array = new Uint8Array(256);

  /** Makes room for `n` bytes (contents are not kept). */
  reserve(n: number): Uint8Array {
    if (n > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < n) cap *= 2;
      this.bytes = new Uint8Array(cap);
    }
    return this.bytes;
  }
}

/**
 * Writes the value of the raw field `src[start, end)` (opening quote included when quoted) to
 * `scratch.bytes` and returns its length. Quoted part: a doubled quote is one quote, the closing
 * quote is dropped; after it (and in unquoted fields) quotes are literal. Anywhere, the escape
 * character (−1 for none) makes the next byte literal.
 */
export function unescapeField(src: Uint8Array, start: number, end: number, quote: number, escape: number, scratch: FieldScratch): number {
  const out = scratch.reserve(end - start);
  let n = 0;
  let i = start;
  let inQuotes = false;
  if (i < end && src[i] === quote) { inQuotes = true; i++; }
  while (i < end) {
    const b = src[i];
    if (b === escape) {
      if (i + 1 < end) out[n++] = src[i + 1];
      i += 2;
      continue;
    }
    if (inQuotes && b === quote) {
      if (i + 1 < end && src[i + 1] === quote) { out[n++] = quote; i += 2; continue; }
      inQuotes = false;
      i++;
      continue;
    }
    out[n++] = b;
    i++;
  }
  return n;
}
