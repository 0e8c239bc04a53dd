/**
 * Newline-delimited JSON text from a Batch: one object per row, `{"a":1,"b":"x"}`, keys in column
 * order (a dotted column name is written as that one key, not re-nested, so it reads back as the
 * same column). Bytes go straight from the columns' typed arrays into the output:
 * - int64/uint64 digit for digit (from their 32-bit words, no BigInt), other ints in decimal;
 * - floats in their shortest round-trip text with `.0` on whole values (so they read back as
 *   float64); NaN and ±Infinity, which JSON cannot hold, as `null` (as pandas' to_json);
 * - bool as `true`/`false`; null as `null`;
 * - date32 as `"YYYY-MM-DD"`, timestamps as `"YYYY-MM-DDTHH:MM:SS[.fff]"` at their unit's precision
 *   (with a time zone: the UTC instant and `+00:00`), which `readJson` reads back with `parseDates`;
 * - strings as their UTF-8 bytes, escaping `"`, `\` and control characters.
 *
 * @example
 * ```ts
 * new TextDecoder().decode(formatJson(batch)); // '{"a":1,"b":"x"}\n{"a":null,"b":"y"}\n'
 * for (const chunk of formatJsonChunks(batch, {}, 1 << 20)) await sink.write(chunk);
 * ```
 */
import { assertNever, DuskError } from "@dusk/core";
import {
  formatFloat32, formatFloat64, int64Words, writeAscii, writeDateAscii, writeInt64Ascii, writeIntAscii, writeTimestampAscii,
  type Batch, type Column, type Utf8Column,
} from "@dusk/kernels";

/** Options of the JSON writer. */
export interface JsonWriteOptions {
  /** Line terminator: `"\n"` (default) or `"\r\n"`. */
  readonly lineTerminator?: "\n" | "\r\n";
}

class Out {
  buf = new Uint8Array(1 << 16);
  pos = 0;
  ensure(extra: number): Uint8Array {
    if (this.pos + extra > this.buf.length) {
      const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + extra));
      b.set(this.buf.subarray(0, this.pos));
      this.buf = b;
    }
    return this.buf;
  }
}

const HEX = "0123456789abcdef";
const NULL = [110, 117, 108, 108];

/** Writes `data[s, e)` as a JSON string. */
function writeString(o: Out, data: Uint8Array, s: number, e: number): void {
  const buf = o.ensure((e - s) * 6 + 2);
  let p = o.pos;
  buf[p++] = 34;
  for (let i = s; i < e; i++) {
    const c = data[i];
    if (c >= 0x20 && c !== 34 && c !== 92) { buf[p++] = c; continue; }
    buf[p++] = 92;
    if (c === 34 || c === 92) buf[p++] = c;
    else if (c === 10) buf[p++] = 110;
    else if (c === 13) buf[p++] = 114;
    else if (c === 9) buf[p++] = 116;
    else { p = writeAscii(buf, p, `u00${HEX[c >> 4]}${HEX[c & 15]}`); }
  }
  buf[p++] = 34;
  o.pos = p;
}

type ValueWriter = (o: Out, r: number) => void;

function utf8Writer(col: Utf8Column): ValueWriter {
  const { offsets, data } = col;
  return (o, r) => writeString(o, data, offsets[r], offsets[r + 1]);
}

function writerOf(col: Column): ValueWriter {
  switch (col.layout) {
    case "bool": {
      const v = col.values;
      return (o, r) => { const b = o.ensure(5); o.pos = writeAscii(b, o.pos, v[r] !== 0 ? "true" : "false"); };
    }
    case "utf8": return utf8Writer(col);
    case "dict": {
      const { codes } = col;
      const { offsets, data } = col.dictionary;
      return (o, r) => writeString(o, data, offsets[codes[r]], offsets[codes[r] + 1]);
    }
    case "primitive": {
      const t = col.dtype;
      switch (t.kind) {
        case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": {
          const v = col.values as Int32Array;
          return (o, r) => { const b = o.ensure(12); o.pos = writeIntAscii(b, o.pos, v[r]); };
        }
        case "int64": case "uint64": {
          const w = int64Words(col.values as BigInt64Array);
          const unsigned = t.kind === "uint64";
          return (o, r) => { const b = o.ensure(21); o.pos = writeInt64Ascii(b, o.pos, w[2 * r], w[2 * r + 1], unsigned); };
        }
        case "float32": case "float64": {
          const v = col.values as Float64Array;
          const fmt = t.kind === "float32" ? formatFloat32 : formatFloat64;
          return (o, r) => {
            const x = v[r];
            const b = o.ensure(32);
            o.pos = Number.isFinite(x) ? writeAscii(b, o.pos, fmt(x)) : writeAscii(b, o.pos, "null");
          };
        }
        case "date32": {
          const v = col.values as Int32Array;
          return (o, r) => { const b = o.ensure(20); b[o.pos] = 34; o.pos = writeDateAscii(b, o.pos + 1, v[r]); b[o.pos++] = 34; };
        }
        case "timestamp": {
          const w = int64Words(col.values as BigInt64Array);
          const unit = t.unit, utc = t.tz !== null;
          return (o, r) => {
            const b = o.ensure(52);
            const start = o.pos + 1;
            b[o.pos] = 34;
            const end = writeTimestampAscii(b, start, w[2 * r], w[2 * r + 1], unit, utc);
            const space = b.indexOf(32, start);
            if (space >= 0 && space < end) b[space] = 84; // ISO 8601: date T time
            b[end] = 34;
            o.pos = end + 1;
          };
        }
        default: return assertNever(t);
      }
    }
    default: return assertNever(col);
  }
}

/**
 * The rows of `batch` as NDJSON, in chunks of about `chunkBytes` bytes (each ends at a line end).
 */
export function* formatJsonChunks(batch: Batch, options: JsonWriteOptions = {}, chunkBytes = 8 << 20): Generator<Uint8Array, void, undefined> {
  const eol = options.lineTerminator ?? "\n";
  if (eol !== "\n" && eol !== "\r\n") {
    throw new DuskError("INVALID_ARGUMENT", `toJson: lineTerminator must be "\\n" or "\\r\\n", got ${JSON.stringify(eol)}`, { option: "lineTerminator" });
  }
  const enc = new TextEncoder();
  const keys = batch.names.map((n, i) => enc.encode(`${i === 0 ? "{" : ","}${JSON.stringify(n)}:`));
  const writers = batch.columns.map(writerOf);
  const validity = batch.columns.map((c) => c.validity);
  const end = enc.encode(batch.columns.length === 0 ? `{}${eol}` : `}${eol}`);
  let o = new Out();
  for (let r = 0; r < batch.length; r++) {
    for (let c = 0; c < writers.length; c++) {
      const k = keys[c];
      o.ensure(k.length).set(k, o.pos);
      o.pos += k.length;
      const v = validity[c];
      if (v !== null && ((v[r >> 3] >> (r & 7)) & 1) === 0) { o.ensure(4).set(NULL, o.pos); o.pos += 4; }
      else writers[c](o, r);
    }
    o.ensure(end.length).set(end, o.pos);
    o.pos += end.length;
    if (o.pos >= chunkBytes) {
      yield o.buf.subarray(0, o.pos);
      o = new Out();
    }
  }
  if (o.pos > 0) yield o.buf.subarray(0, o.pos);
}

/** The whole batch as NDJSON bytes. */
export function formatJson(batch: Batch, options: JsonWriteOptions = {}): Uint8Array {
  const parts = [...formatJsonChunks(batch, options, Number.MAX_SAFE_INTEGER)];
  return parts.length === 1 ? parts[0] : new Uint8Array(0);
}
