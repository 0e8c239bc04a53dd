/**
 * Parquet's RLE / bit-packing hybrid encoding, which holds definition levels, dictionary indices
 * and RLE-encoded booleans: a sequence of runs, each a varint header whose low bit says whether
 * `header >> 1` repeats of one value follow (stored in ceil(bitWidth / 8) little-endian bytes) or
 * `header >> 1` groups of eight values bit-packed at `bitWidth` bits each, least significant bit first.
 *
 * @example
 * ```ts
 * const codes = new Int32Array(count);
 * const end = decodeHybrid(page, 1, page.length, page[0], count, codes, 0); // dictionary indices
 * ```
 */

/**
 * Decodes `count` values from `src[pos, end)` into `out` from index `outAt`; returns the byte
 * position just past the last run read. A last bit-packed run may stop early (its padding values
 * are not needed), but a value the run needs beyond `end` is an error. Throws a plain Error on
 * truncated or malformed input and on a bit width over 32.
 *
 * @example
 * ```ts
 * decodeHybrid(bytes, 0, bytes.length, 1, rows, levels, 0);
 * ```
 */
export function decodeHybrid(src: Uint8Array, pos: number, end: number, bitWidth: number, count: number, out: Int32Array, outAt: number): number {
  if (bitWidth > 32 || bitWidth < 0) throw new Error(`a run of bit width ${bitWidth} (at most 32 is possible)`);
  const valueBytes = (bitWidth + 7) >> 3;
  let o = outAt;
  const stop = outAt + count;
  while (o < stop) {
    // varint run header
    let header = 0;
    let scale = 1;
    for (let k = 0; ; k++) {
      if (pos >= end) throw new Error(`runs end after ${o - outAt} of ${count} values`);
      if (k === 5) throw new Error(`a run header at byte ${pos} is too long`);
      const b = src[pos++];
      header += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 128;
    }
    if ((header & 1) === 0) {
      const n = Math.min(Math.floor(header / 2), stop - o);
      if (pos + valueBytes > end) throw new Error(`a repeated run's value at byte ${pos} lies past the end of its data`);
      const v = littleEndian(src, pos, valueBytes);
      pos += valueBytes;
      out.fill(v | 0, o, o + n);
      o += n;
    } else {
      const groups = Math.floor(header / 2);
      const runValues = groups * 8;
      const n = Math.min(runValues, stop - o);
      const needBytes = Math.ceil((n * bitWidth) / 8);
      if (pos + needBytes > end) throw new Error(`a bit-packed run at byte ${pos} needs ${needBytes} bytes but its data ends after ${end - pos}`);
      if (bitWidth > 24) unpackWide(src, pos, bitWidth, n, out, o);
      else {
        const full = bitWidth === 0 ? 0 : n >> 3; // width 0: every value 0, no generated unpacker
        if (full > 0) unpackerOf(bitWidth)(src, pos, out, o, full);
        if (n > full * 8) unpackNarrow(src, pos + full * bitWidth, bitWidth, n - full * 8, out, o + full * 8);
      }
      pos += groups * bitWidth; // the whole run, padding included
      if (pos > end) pos = end;
      o += n;
    }
  }
  return pos;
}

/** Unpacks `groups` groups of eight values from `src` at `pos` into `out` at `o`. */
type Unpacker = (src: Uint8Array, pos: number, out: Int32Array, o: number, groups: number) => void;

const unpackers: (Unpacker | undefined)[] = [];

/**
 * An unpacker specialised to one bit width (1–24): each group of eight values is `bitWidth` bytes,
 * read once into locals, and each value a fixed combination of shifts of one to four of them —
 * straight-line code, about four times faster than a bit accumulator. Generated on first use.
 */
function unpackerOf(bitWidth: number): Unpacker {
  const cached = unpackers[bitWidth];
  if (cached !== undefined) return cached;
  const mask = (1 << bitWidth) - 1;
  const lines: string[] = [];
  lines.push("for (let g = 0; g < groups; g++) {");
  for (let k = 0; k < bitWidth; k++) lines.push(`const b${k} = src[pos + ${k}];`);
  for (let j = 0; j < 8; j++) {
    const first = j * bitWidth;
    const last = first + bitWidth - 1;
    const terms: string[] = [];
    for (let byte = first >> 3; byte <= last >> 3; byte++) {
      const at = byte * 8 - first; // where this byte's bit 0 lands in the value
      terms.push(at < 0 ? `(b${byte} >>> ${-at})` : at === 0 ? `b${byte}` : `(b${byte} << ${at})`);
    }
    lines.push(`out[o + ${j}] = (${terms.join(" | ")}) & ${mask};`);
  }
  lines.push(`pos += ${bitWidth}; o += 8;`, "}");
  const fn = new Function("src", "pos", "out", "o", "groups", lines.join("\n")) as Unpacker;
  unpackers[bitWidth] = fn;
  return fn;
}

/** Bit widths up to 24: an accumulator of at most 31 bits. */
function unpackNarrow(src: Uint8Array, pos: number, bitWidth: number, n: number, out: Int32Array, o: number): void {
  if (bitWidth === 0) { out.fill(0, o, o + n); return; }
  const mask = (1 << bitWidth) - 1;
  let acc = 0;
  let bits = 0;
  let p = pos;
  for (let i = 0; i < n; i++) {
    while (bits < bitWidth) { acc |= src[p++] << bits; bits += 8; }
    out[o + i] = acc & mask;
    acc >>>= bitWidth;
    bits -= bitWidth;
  }
}

/** Bit widths 25–32, in floating-point arithmetic (exact below 2^53). */
function unpackWide(src: Uint8Array, pos: number, bitWidth: number, n: number, out: Int32Array, o: number): void {
  const modulus = 2 ** bitWidth;
  for (let i = 0; i < n; i++) {
    const bit = i * bitWidth;
    const first = pos + (bit >> 3);
    const shift = bit & 7;
    const v = littleEndian(src, first, (shift + bitWidth + 7) >> 3);
    out[o + i] = Math.floor(v / 2 ** shift) % modulus | 0;
  }
}

/**
 * Whether a hybrid sequence of `count` values is a single repeated run of `value` (how a page
 * without nulls stores its definition levels), read without decoding anything else.
 *
 * @example
 * ```ts
 * if (isSingleRun(levels, 0, levels.length, 1, rows, 1)) { /* no nulls *\/ }
 * ```
 */
export function isSingleRun(src: Uint8Array, pos: number, end: number, bitWidth: number, count: number, value: number): boolean {
  let header = 0;
  let scale = 1;
  for (let k = 0; k < 5; k++) {
    if (pos >= end) return false;
    const b = src[pos++];
    header += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      if ((header & 1) !== 0 || Math.floor(header / 2) < count) return false;
      const valueBytes = (bitWidth + 7) >> 3;
      if (pos + valueBytes > end) return false;
      return littleEndian(src, pos, valueBytes) === value;
    }
    scale *= 128;
  }
  return false;
}

/** The unsigned little-endian value of `bytes` (at most 5) bytes at `pos`, exact in floating point. */
function littleEndian(src: Uint8Array, pos: number, bytes: number): number {
  let v = 0;
  for (let k = 0; k < bytes; k++) v += src[pos + k] * 2 ** (8 * k);
  return v;
}
