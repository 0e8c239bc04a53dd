/**
 * Just enough of Thrift's compact protocol (the encoding of Parquet footers) to copy a footer while
 * changing a few fields: a reader that walks fields and skips values without decoding them, and a
 * writer that emits field headers, integers and raw byte spans. Values that are kept are copied as
 * the exact bytes they were, so nothing is lost in translation.
 *
 * @example
 * ```ts
 * const r = new CompactReader(footer);
 * const w = new CompactWriter();
 * for (let f = r.field(); f !== null; f = r.field()) {
 *   if (f.id === 3) w.i64Field(3, 42n);
 *   else w.rawField(f.id, f.type, r.skip(f.type));
 * }
 * w.stop();
 * ```
 */

/** Compact-protocol type codes. */
export const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** A field header: its id and type code. */
export interface FieldHeader {
  readonly id: number;
  readonly type: number;
}

/**
 * Reads compact-protocol data from bytes; throws a RangeError past their end and an Error on an
 * unknown type code (the caller turns both into a PARQUET_ERROR naming the file).
 *
 * @example
 * ```ts
 * const r = new CompactReader(bytes);
 * const f = r.field(); // { id: 1, type: T.I32 } or null at the end of the struct
 * ```
 */
export class CompactReader {
  pos = 0;
  private lastIds: number[] = [];
  private lastId = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Enters a struct (its field ids restart from 0). */
  enter(): void {
    this.lastIds.push(this.lastId);
    this.lastId = 0;
  }

  /** Leaves a struct whose STOP byte was read. */
  leave(): void {
    this.lastId = this.lastIds.pop() ?? 0;
  }

  /** The next field's header, or null at the struct's STOP byte. */
  field(): FieldHeader | null {
    const b = this.byte();
    if (b === T.STOP) return null;
    const type = b & 0x0f;
    const delta = b >> 4;
    const id = delta === 0 ? Number(zigzag(this.varint())) : this.lastId + delta;
    this.lastId = id;
    return { id, type };
  }

  /** An i16, i32 or i64 value. */
  int(): bigint {
    return zigzag(this.varint());
  }

  /** A binary (or string) value. */
  binary(): Uint8Array {
    const n = Number(this.varint());
    const start = this.pos;
    this.advance(n);
    return this.bytes.subarray(start, this.pos);
  }

  /** The header of a list or set: element type and count. */
  listHeader(): { type: number; size: number } {
    const b = this.byte();
    const short = b >> 4;
    return { type: b & 0x0f, size: short === 15 ? Number(this.varint()) : short };
  }

  /** Skips one value of `type` and returns the bytes it spanned. */
  skip(type: number): Uint8Array {
    const start = this.pos;
    this.skipValue(type, false);
    return this.bytes.subarray(start, this.pos);
  }

  private skipValue(type: number, inContainer: boolean): void {
    switch (type) {
      case T.TRUE: case T.FALSE:
        if (inContainer) this.byte(); // a bool element of a list or map is a byte; a bool field has no value bytes
        return;
      case T.BYTE:
        this.byte();
        return;
      case T.I16: case T.I32: case T.I64:
        this.varint();
        return;
      case T.DOUBLE:
        this.advance(8);
        return;
      case T.BINARY:
        this.advance(Number(this.varint()));
        return;
      case T.LIST: case T.SET: {
        const { type: elem, size } = this.listHeader();
        for (let i = 0; i < size; i++) this.skipValue(elem, true);
        return;
      }
      case T.MAP: {
        const size = Number(this.varint());
        if (size === 0) return;
        const kv = this.byte();
        for (let i = 0; i < size; i++) {
          this.skipValue(kv >> 4, true);
          this.skipValue(kv & 0x0f, true);
        }
        return;
      }
      case T.STRUCT: {
        this.enter();
        for (let f = this.field(); f !== null; f = this.field()) this.skipValue(f.type, false);
        this.leave();
        return;
      }
      default:
        throw new Error(`unknown Thrift type ${type} at byte ${this.pos}`);
    }
  }

  private byte(): number {
    if (this.pos >= this.bytes.byteLength) throw new RangeError(`the footer ends early (at byte ${this.pos})`);
    return this.bytes[this.pos++];
  }

  private advance(n: number): void {
    if (this.pos + n > this.bytes.byteLength) throw new RangeError(`the footer ends early (a value at byte ${this.pos} needs ${n} bytes)`);
    this.pos += n;
  }

  private varint(): bigint {
    let out = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      out |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return out;
      shift += 7n;
      if (shift > 70n) throw new Error(`a variable-length integer at byte ${this.pos} is too long`);
    }
  }
}

/**
 * Writes compact-protocol data: field headers (with their id deltas), integers, list headers and raw
 * spans copied from a reader.
 *
 * @example
 * ```ts
 * const w = new CompactWriter();
 * w.i64Field(3, 1000n);
 * w.stop();
 * w.finish(); // Uint8Array
 * ```
 */
export class CompactWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  private lastIds: number[] = [];
  private lastId = 0;

  /** Starts a struct value (after its field header, or as a list element). */
  enter(): void {
    this.lastIds.push(this.lastId);
    this.lastId = 0;
  }

  /** Ends the current struct with STOP. */
  stop(): void {
    this.bytes(Uint8Array.of(T.STOP));
    this.lastId = this.lastIds.pop() ?? 0;
  }

  /** A field header. */
  fieldHeader(id: number, type: number): void {
    const delta = id - this.lastId;
    if (delta > 0 && delta <= 15) this.bytes(Uint8Array.of((delta << 4) | type));
    else {
      this.bytes(Uint8Array.of(type));
      this.varint(zigzagEncode(BigInt(id)));
    }
    this.lastId = id;
  }

  /** A field copied as it was: its header, then the value's original bytes. */
  rawField(id: number, type: number, value: Uint8Array): void {
    this.fieldHeader(id, type);
    this.bytes(value);
  }

  /** An i64 field. */
  i64Field(id: number, value: bigint): void {
    this.fieldHeader(id, T.I64);
    this.varint(zigzagEncode(value));
  }

  /** An i32 field. */
  i32Field(id: number, value: number): void {
    this.fieldHeader(id, T.I32);
    this.varint(zigzagEncode(BigInt(value)));
  }

  /** A binary (or string) field. */
  binaryField(id: number, value: Uint8Array): void {
    this.fieldHeader(id, T.BINARY);
    this.varint(BigInt(value.byteLength));
    this.bytes(value);
  }

  /** A list header. */
  listHeader(type: number, size: number): void {
    if (size < 15) this.bytes(Uint8Array.of((size << 4) | type));
    else {
      this.bytes(Uint8Array.of(0xf0 | type));
      this.varint(BigInt(size));
    }
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.byteLength;
  }

  /** Everything written, as one array. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }

  private varint(v: bigint): void {
    const out: number[] = [];
    let x = v;
    while (x >= 0x80n) {
      out.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    out.push(Number(x));
    this.bytes(Uint8Array.from(out));
  }
}

function zigzag(v: bigint): bigint {
  return (v >> 1n) ^ -(v & 1n);
}

function zigzagEncode(v: bigint): bigint {
  return v >= 0n ? v << 1n : (-v << 1n) - 1n;
}
