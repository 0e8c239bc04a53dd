/**
 * Snappy raw-block decompression (the format of Parquet's SNAPPY codec: one block per page, no
 * framing format, no checksums). A block is a varint preamble stating the uncompressed length,
 * then elements, each starting with a tag byte whose low two bits give its kind: a literal (its
 * length in the tag, or in 1–4 little-endian bytes after it) copied from the input, or a copy of
 * earlier output (length and offset in the tag plus 1, 2 or 4 bytes). Copies may overlap what they
 * write (offset 1, length 60 repeats one byte 60 times).
 *
 * Decoding is exact and checked: every read of the input and every write of the output is bounds
 * checked, and corrupt data (a truncated element, an offset of 0 or before the start of the output,
 * output longer or shorter than the preamble says) throws a plain Error starting with "snappy:",
 * which the caller turns into an error naming the file. Long literals and long non-overlapping
 * copies are block moves (`set`, `copyWithin`), runs of one byte are `fill`s; short and overlapping
 * copies are unrolled byte moves that may write a few bytes past the copy (never past the output),
 * which later elements overwrite — so after a throw, `output` holds partial, meaningless data.
 *
 * @example
 * ```ts
 * const page = snappyDecompress(compressed); // Uint8Array of the stated length
 * const out = new Uint8Array(snappyUncompressedLength(compressed));
 * snappyDecompressInto(compressed, out);
 * ```
 */

/** Literals at least this long are copied with `set`; shorter ones byte by byte. */
const LITERAL_BLOCK_MIN = 16;
/** Non-overlapping copies at least this long use `copyWithin`; shorter ones are byte loops. */
const COPY_BLOCK_MIN = 32;
/** The most output one input byte can produce: a 3-byte copy with a 2-byte offset writes 64 bytes. */
const MAX_EXPANSION = 64 / 3;
/** The largest length the 32-bit varint preamble can state. */
const MAX_LENGTH = 0xffffffff;

/**
 * The uncompressed length stated by the block's varint preamble (little-endian base 128, at most
 * 5 bytes, at most 2^32 - 1). Throws on an empty block, a truncated or over-long preamble.
 *
 * @example
 * ```ts
 * snappyUncompressedLength(Uint8Array.of(0x05, 0x10, 104, 101, 108, 108, 111)); // 5
 * ```
 */
export function snappyUncompressedLength(input: Uint8Array): number {
  return preambleValue(input, preambleEnd(input));
}

/**
 * Decompresses one raw Snappy block `input` into `output`, which must be exactly the uncompressed
 * length the block's preamble states (else throws). Returns `output`. Throws on corrupt input;
 * `output` may then be partly written.
 *
 * @example
 * ```ts
 * const out = snappyDecompressInto(block, new Uint8Array(snappyUncompressedLength(block)));
 * ```
 */
export function snappyDecompressInto(input: Uint8Array, output: Uint8Array): Uint8Array {
  const start = preambleEnd(input);
  const length = preambleValue(input, start);
  if (output.length !== length) {
    throw new Error(`snappy: the output has ${output.length} bytes but the block's preamble says ${length}`);
  }
  decodeElements(input, start, output);
  return output;
}

/**
 * Decompresses a raw Snappy block into a new Uint8Array of the length its preamble states. A
 * preamble stating more than the rest of the block could possibly decompress to throws before
 * anything is allocated.
 *
 * @example
 * ```ts
 * snappyDecompress(Uint8Array.of(0x05, 0x10, 104, 101, 108, 108, 111)); // the bytes of "hello"
 * ```
 */
export function snappyDecompress(input: Uint8Array): Uint8Array {
  const start = preambleEnd(input);
  const length = preambleValue(input, start);
  const body = input.length - start;
  if (length > Math.floor(body * MAX_EXPANSION)) {
    throw new Error(`snappy: the block's preamble says ${length} bytes, more than its ${body} bytes of elements can decompress to`);
  }
  const output = new Uint8Array(length);
  decodeElements(input, start, output);
  return output;
}

/** The index of the first byte after the varint preamble; throws when it is missing, truncated or too long. */
function preambleEnd(input: Uint8Array): number {
  const n = input.length;
  if (n === 0) throw new Error("snappy: the block is empty (no varint preamble)");
  for (let i = 0; i < 5; i++) {
    if (i >= n) throw new Error(`snappy: the varint preamble is truncated (the block ends after ${n} bytes)`);
    if ((input[i] & 0x80) === 0) return i + 1;
  }
  throw new Error("snappy: varint preamble too long (more than 5 bytes)");
}

/** The value of the varint preamble ending before `end`; throws when it exceeds 2^32 - 1. */
function preambleValue(input: Uint8Array, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < end; i++) {
    value += (input[i] & 0x7f) * scale;
    scale *= 128;
  }
  if (value > MAX_LENGTH) throw new Error(`snappy: the varint preamble states ${value} bytes, more than the format's limit of ${MAX_LENGTH}`);
  return value;
}

/** Decodes the elements of `input` from `ip` on into all of `output`; throws on anything corrupt. */
function decodeElements(input: Uint8Array, ip: number, output: Uint8Array): void {
  const inEnd = input.length;
  const outEnd = output.length;
  let op = 0;
  while (ip < inEnd) {
    const tagAt = ip;
    const tag = input[ip++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60; // the length minus 1 follows in 1..4 little-endian bytes
        if (ip + extra > inEnd) throw new Error(`snappy: the literal at input byte ${tagAt} has a truncated length (the input ends at byte ${inEnd})`);
        let v = input[ip];
        if (extra > 1) v |= input[ip + 1] << 8;
        if (extra > 2) v |= input[ip + 2] << 16;
        if (extra > 3) v += input[ip + 3] * 0x1000000;
        ip += extra;
        len = v + 1;
      }
      if (len > inEnd - ip) {
        throw new Error(`snappy: literal runs past the end of the input (${len} bytes at input byte ${ip}, input has ${inEnd})`);
      }
      if (len > outEnd - op) {
        throw new Error(`snappy: block decompresses to more than the ${outEnd} bytes its preamble says (a literal of ${len} bytes at output byte ${op})`);
      }
      if (len < LITERAL_BLOCK_MIN) {
        const end = ip + len;
        while (ip < end) output[op++] = input[ip++];
      } else {
        output.set(input.subarray(ip, ip + len), op);
        ip += len;
        op += len;
      }
    } else {
      let len: number;
      let offset: number;
      if (kind === 1) {
        if (ip >= inEnd) throw new Error(`snappy: the copy at input byte ${tagAt} is truncated (its 1-byte offset is missing)`);
        len = ((tag >>> 2) & 7) + 4;
        offset = ((tag >>> 5) << 8) | input[ip++];
      } else if (kind === 2) {
        if (ip + 2 > inEnd) throw new Error(`snappy: the copy at input byte ${tagAt} is truncated (its 2-byte offset is cut off)`);
        len = (tag >>> 2) + 1;
        offset = input[ip] | (input[ip + 1] << 8);
        ip += 2;
      } else {
        if (ip + 4 > inEnd) throw new Error(`snappy: the copy at input byte ${tagAt} is truncated (its 4-byte offset is cut off)`);
        len = (tag >>> 2) + 1;
        offset = (input[ip] | (input[ip + 1] << 8) | (input[ip + 2] << 16)) + input[ip + 3] * 0x1000000;
        ip += 4;
      }
      if (offset === 0) throw new Error(`snappy: copy offset 0 at input byte ${tagAt} (output byte ${op}) is invalid`);
      if (offset > op) throw new Error(`snappy: copy offset ${offset} points before the start of the output at byte ${op}`);
      if (len > outEnd - op) {
        throw new Error(`snappy: block decompresses to more than the ${outEnd} bytes its preamble says (a copy of ${len} bytes at output byte ${op})`);
      }
      let src = op - offset;
      if (len <= 16 && outEnd - op >= 16) {
        // Short copies, the most common element: one or two unrolled steps of 8 (room for 16 bytes)
        op = copyForward8(output, op, src, op + len);
      } else if (offset === 1) {
        output.fill(output[src], op, op + len);
        op += len;
      } else if (offset >= len && len >= COPY_BLOCK_MIN) {
        output.copyWithin(op, src, src + len);
        op += len;
      } else {
        // Forward, so an overlapping copy (offset < len) repeats the bytes it has just written; in
        // unrolled steps of 8 when there is room for up to 7 bytes past the end (rewritten later).
        const end = op + len;
        if (outEnd - end >= 7) {
          op = copyForward8(output, op, src, end);
        } else {
          while (op < end) output[op++] = output[src++];
        }
      }
    }
  }
  if (op !== outEnd) throw new Error(`snappy: block decompresses to ${op} bytes but its preamble says ${outEnd}`);
}

/**
 * Copies `output[src…]` to `output[op, end)` forward, 8 bytes a step, so an overlapping copy
 * (src + 8 > op) repeats the bytes it has just written. Writes up to 7 bytes past `end` (the caller
 * leaves room; later elements rewrite them). Returns `end`.
 */
function copyForward8(output: Uint8Array, op: number, src: number, end: number): number {
  while (op < end) {
    output[op] = output[src];
    output[op + 1] = output[src + 1];
    output[op + 2] = output[src + 2];
    output[op + 3] = output[src + 3];
    output[op + 4] = output[src + 4];
    output[op + 5] = output[src + 5];
    output[op + 6] = output[src + 6];
    output[op + 7] = output[src + 7];
    op += 8;
    src += 8;
  }
  return end;
}
