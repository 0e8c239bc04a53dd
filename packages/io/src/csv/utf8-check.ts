/**
 * UTF-8 validation of a byte range (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF). Text columns are checked when a value has a byte ≥ 0x80, so ASCII costs nothing.
 *
 * @example
 * ```ts
 * isValidUtf8(new TextEncoder().encode("日本"), 0, 6);  // true
 * isValidUtf8(Uint8Array.of(0xc3, 0x28), 0, 2);        // false
 * ```
 */
export function isValidUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return false;
    if (i + need >= end) return false;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}
