/**
 * Parquet page headers: the Thrift (compact protocol) struct in front of every page of a column
 * chunk, decoded into the few numbers the native decoder needs. Fields it does not use (CRC,
 * statistics, index pages' contents) are skipped.
 *
 * @example
 * ```ts
 * const h = readPageHeader(chunkBytes, 0);
 * h.type === PageType.DICTIONARY_PAGE; // the chunk starts with its dictionary
 * const body = chunkBytes.subarray(h.bodyStart, h.bodyStart + h.compressedSize);
 * ```
 */

/** Parquet's PageType values. */
export const PageType = { DATA_PAGE: 0, INDEX_PAGE: 1, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 } as const;

/** Parquet's Encoding values. */
export const Encoding = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  DELTA_LENGTH_BYTE_ARRAY: 6,
  DELTA_BYTE_ARRAY: 7,
  RLE_DICTIONARY: 8,
  BYTE_STREAM_SPLIT: 9,
} as const;

/** What a page header says about its page. Fields of page kinds other than `type` are 0. */
export interface PageHeader {
  readonly type: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** Byte offset of the page's body (just past the header) in the bytes given. */
  readonly bodyStart: number;
  /** Values (levels, so nulls included) in a data page; entries in a dictionary page. */
  readonly numValues: number;
  /** The values' encoding (data and dictionary pages). */
  readonly encoding: number;
  /** DATA_PAGE: the definition levels' encoding. */
  readonly defEncoding: number;
  /** DATA_PAGE_V2: nulls, and the byte lengths of the (never compressed) level sections. */
  readonly numNulls: number;
  readonly defLevelsLength: number;
  readonly repLevelsLength: number;
  /** DATA_PAGE_V2: whether the values section is compressed (true unless the header says not). */
  readonly valuesCompressed: boolean;
}

const STOP = 0, TRUE = 1, FALSE = 2, BYTE = 3, I16 = 4, I32 = 5, I64 = 6, DOUBLE = 7, BINARY = 8, LIST = 9, SET = 10, MAP = 11, STRUCT = 12;

/** Decodes one compact-protocol struct at a time from bytes; throws a plain Error on bad or short input. */
class Reader {
  pos: number;
  constructor(private readonly bytes: Uint8Array, pos: number) {
    this.pos = pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error(`page header runs past the end of the column chunk (at byte ${this.pos})`);
    return this.bytes[this.pos++];
  }

  /** An unsigned varint, exact up to 2^53. */
  varint(): number {
    let out = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      out += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return out;
      scale *= 128;
    }
    throw new Error(`a variable-length integer at byte ${this.pos} of a page header is too long`);
  }

  /** A zigzag-encoded i16/i32/i64 (as a number; page header values fit). */
  int(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  skip(type: number): void {
    switch (type) {
      case TRUE: case FALSE: return;
      case BYTE: this.byte(); return;
      case I16: case I32: case I64: this.varint(); return;
      case DOUBLE: this.advance(8); return;
      case BINARY: this.advance(this.varint()); return;
      case LIST: case SET: {
        const b = this.byte();
        const size = b >> 4 === 15 ? this.varint() : b >> 4;
        for (let i = 0; i < size; i++) this.skipElement(b & 0x0f);
        return;
      }
      case MAP: {
        const size = this.varint();
        if (size === 0) return;
        const kv = this.byte();
        for (let i = 0; i < size; i++) { this.skipElement(kv >> 4); this.skipElement(kv & 0x0f); }
        return;
      }
      case STRUCT: this.struct(() => false); return;
      default: throw new Error(`unknown Thrift type ${type} at byte ${this.pos - 1} of a page header`);
    }
  }

  /** Walks a struct's fields, calling `onField` for each; fields it does not take (returns false) are skipped. */
  struct(onField: (id: number, type: number) => boolean): void {
    let last = 0;
    for (;;) {
      const b = this.byte();
      if (b === STOP) return;
      const type = b & 0x0f;
      const id = b >> 4 === 0 ? this.int() : last + (b >> 4);
      last = id;
      if (!onField(id, type)) this.skip(type);
    }
  }

  private skipElement(type: number): void {
    if (type === TRUE || type === FALSE) this.byte(); // a bool inside a container is a byte
    else this.skip(type);
  }

  private advance(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Error(`page header runs past the end of the column chunk (a value at byte ${this.pos} needs ${n} bytes)`);
    this.pos += n;
  }
}

/**
 * The page header starting at byte `pos` of a column chunk's bytes. Throws a plain Error when the
 * bytes there are not a page header (the caller names the file, row group and column).
 *
 * @example
 * ```ts
 * for (let pos = 0; pos < chunk.length; ) { const h = readPageHeader(chunk, pos); pos = h.bodyStart + h.compressedSize; }
 * ```
 */
export function readPageHeader(bytes: Uint8Array, pos: number): PageHeader {
  const r = new Reader(bytes, pos);
  let type = -1, uncompressedSize = -1, compressedSize = -1;
  let numValues = 0, encoding = 0, defEncoding: number = Encoding.RLE, numNulls = 0, defLevelsLength = 0, repLevelsLength = 0;
  let valuesCompressed = true;
  const i32 = (t: number): boolean => t === I32;
  r.struct((id, t) => {
    switch (id) {
      case 1: if (!i32(t)) return false; type = r.int(); return true;
      case 2: if (!i32(t)) return false; uncompressedSize = r.int(); return true;
      case 3: if (!i32(t)) return false; compressedSize = r.int(); return true;
      case 5: // DataPageHeader
        if (t !== STRUCT) return false;
        r.struct((f, ft) => {
          if (!i32(ft)) return false;
          if (f === 1) numValues = r.int();
          else if (f === 2) encoding = r.int();
          else if (f === 3) defEncoding = r.int();
          else return false;
          return true;
        });
        return true;
      case 7: // DictionaryPageHeader
        if (t !== STRUCT) return false;
        r.struct((f, ft) => {
          if (!i32(ft)) return false;
          if (f === 1) numValues = r.int();
          else if (f === 2) encoding = r.int();
          else return false;
          return true;
        });
        return true;
      case 8: // DataPageHeaderV2
        if (t !== STRUCT) return false;
        r.struct((f, ft) => {
          if (f === 7 && (ft === TRUE || ft === FALSE)) { valuesCompressed = ft === TRUE; return true; }
          if (!i32(ft)) return false;
          switch (f) {
            case 1: numValues = r.int(); return true;
            case 2: numNulls = r.int(); return true;
            case 4: encoding = r.int(); return true;
            case 5: defLevelsLength = r.int(); return true;
            case 6: repLevelsLength = r.int(); return true;
            default: return false;
          }
        });
        return true;
      default:
        return false;
    }
  });
  if (type < 0 || uncompressedSize < 0 || compressedSize < 0) {
    throw new Error(`the page header at byte ${pos} of the column chunk lacks its type or sizes`);
  }
  if (numValues < 0 || numNulls < 0 || defLevelsLength < 0 || repLevelsLength < 0) {
    throw new Error(`the page header at byte ${pos} of the column chunk has a negative count or length`);
  }
  return {
    type, uncompressedSize, compressedSize, bodyStart: r.pos, numValues, encoding, defEncoding,
    numNulls, defLevelsLength, repLevelsLength, valuesCompressed,
  };
}
