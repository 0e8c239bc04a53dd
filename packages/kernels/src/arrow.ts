/**
 * The Arrow boundary: Dusk columns to apache-arrow Data/Table and back. Value buffers are shared
 * where the layouts agree (numbers, utf8, dictionary codes); bool is packed/unpacked; validity
 * bitmaps are re-based to bit 0 on the way in.
 */
import * as A from "apache-arrow";
import { DuskError, dtypes, formatDType, type DType, type TimeUnit } from "@dusk/core";
import type { Batch, Column, NumericArray, PrimitiveDType, Utf8Column, Validity } from "./column.js";
import { dictDecode } from "./dictionary.js";
import { bitmapBytes, normalizeValidity, nullCount, sliceBitmap } from "./validity.js";

const UNIT_TO_ARROW: Record<TimeUnit, A.TimeUnit> = {
  s: A.TimeUnit.SECOND, ms: A.TimeUnit.MILLISECOND, us: A.TimeUnit.MICROSECOND, ns: A.TimeUnit.NANOSECOND,
};
const ARROW_TO_UNIT: Record<number, TimeUnit> = {
  [A.TimeUnit.SECOND]: "s", [A.TimeUnit.MILLISECOND]: "ms", [A.TimeUnit.MICROSECOND]: "us", [A.TimeUnit.NANOSECOND]: "ns",
};

/** The Arrow type Dusk uses for a dtype (utf8 as plain Utf8). */
export function arrowTypeOf(t: DType): A.DataType {
  switch (t.kind) {
    case "bool": return new A.Bool();
    case "int8": return new A.Int8();
    case "int16": return new A.Int16();
    case "int32": return new A.Int32();
    case "int64": return new A.Int64();
    case "uint8": return new A.Uint8();
    case "uint16": return new A.Uint16();
    case "uint32": return new A.Uint32();
    case "uint64": return new A.Uint64();
    case "float32": return new A.Float32();
    case "float64": return new A.Float64();
    case "utf8": return new A.Utf8();
    case "date32": return new A.DateDay();
    case "timestamp": return new A.Timestamp(UNIT_TO_ARROW[t.unit], t.tz);
  }
}

function unsupported(name: string, type: A.DataType): DuskError {
  return new DuskError("INVALID_DTYPE",
    `column "${name}" has Arrow type ${String(type)}, which Dusk does not support yet; cast it to a supported type (numbers, utf8, bool, date32, timestamp) before passing it in`,
    { column: name, arrowType: String(type) });
}

/** The Dusk dtype of an Arrow type; throws naming the column for types Dusk cannot hold. */
export function dtypeOfArrow(type: A.DataType, name: string): DType {
  if (A.DataType.isDictionary(type)) {
    if (A.DataType.isUtf8(type.dictionary) || A.DataType.isLargeUtf8(type.dictionary)) return dtypes.utf8;
    throw unsupported(name, type);
  }
  if (A.DataType.isBool(type)) return dtypes.bool;
  if (A.DataType.isInt(type)) {
    const k = `${type.isSigned ? "int" : "uint"}${type.bitWidth}` as "int8";
    return dtypes[k];
  }
  if (A.DataType.isFloat(type)) {
    if (type.precision === A.Precision.SINGLE) return dtypes.float32;
    if (type.precision === A.Precision.DOUBLE) return dtypes.float64;
    throw unsupported(name, type);
  }
  if (A.DataType.isUtf8(type) || A.DataType.isLargeUtf8(type)) return dtypes.utf8;
  if (A.DataType.isDate(type)) return dtypes.date32;
  if (A.DataType.isTimestamp(type)) return dtypes.timestamp(ARROW_TO_UNIT[type.unit], type.timezone ?? null);
  throw unsupported(name, type);
}

function importValidity(data: A.Data, length: number): Validity {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  return normalizeValidity(sliceBitmap(data.nullBitmap, data.offset, length), length);
}

function unpackBits(bits: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) { const j = offset + i; out[i] = (bits[j >> 3] >> (j & 7)) & 1; }
  return out;
}

function importUtf8(data: A.Data, name: string, length: number, validity: Validity): Utf8Column {
  const vo = data.valueOffsets as Int32Array | BigInt64Array;
  let offsets: Int32Array;
  if (vo instanceof BigInt64Array) {
    offsets = new Int32Array(length + 1);
    for (let i = 0; i <= length; i++) {
      const o = vo[i];
      if (o > 2147483647n) {
        throw new DuskError("INVALID_ARGUMENT", `column "${name}": a LargeUtf8 chunk over 2 GiB is not supported; split it into smaller record batches`);
      }
      offsets[i] = Number(o);
    }
  } else {
    offsets = vo.subarray(0, length + 1);
  }
  return { layout: "utf8", dtype: dtypes.utf8, length, offsets, data: data.values as Uint8Array, validity };
}

/** A Dusk column over one Arrow Data chunk (sharing its buffers where possible). */
export function columnFromArrowData(data: A.Data, name: string): Column {
  const dtype = dtypeOfArrow(data.type, name);
  const length = data.length;
  const validity = importValidity(data, length);
  const type = data.type;
  if (A.DataType.isDictionary(type)) {
    const dictVector = data.dictionary as A.Vector;
    const dchunks = dictVector.data;
    const dict = dchunks.length === 1
      ? importUtf8(dchunks[0], name, dchunks[0].length, null)
      : (columnFromArrowData(dictVector.data.length === 0 ? A.makeData({ type: new A.Utf8(), length: 0 }) : concatArrowChunks(dictVector), name) as Utf8Column);
    const raw = data.values as NumericArray;
    let codes: Int32Array;
    if (raw instanceof Int32Array) codes = raw.subarray(0, length);
    else {
      codes = new Int32Array(length);
      for (let i = 0; i < length; i++) codes[i] = Number(raw[i]);
    }
    return { layout: "dict", dtype: dtypes.utf8, length, codes, dictionary: dict, validity };
  }
  switch (dtype.kind) {
    case "bool":
      return { layout: "bool", dtype: dtypes.bool, length, values: unpackBits(data.values as Uint8Array, data.offset, length), validity };
    case "utf8":
      return importUtf8(data, name, length, validity);
    case "date32": {
      if (type.typeId === A.Type.Date && (type as A.Date_).unit === A.DateUnit.MILLISECOND) {
        const ms = data.values as BigInt64Array | Float64Array | Int32Array;
        const out = new Int32Array(length);
        for (let i = 0; i < length; i++) {
          if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
          const v = Number(ms[i]);
          if (v % 86_400_000 !== 0) {
            throw new DuskError("INVALID_ARGUMENT", `column "${name}": Date64 value ${v} at row ${i} is not midnight UTC; cast the column to timestamp[ms]`);
          }
          out[i] = v / 86_400_000;
        }
        return { layout: "primitive", dtype, length, values: out, validity };
      }
      return { layout: "primitive", dtype, length, values: (data.values as Int32Array).subarray(0, length), validity };
    }
    default:
      return { layout: "primitive", dtype: dtype as PrimitiveDType, length, values: (data.values as NumericArray).subarray(0, length), validity };
  }
}

function concatArrowChunks(v: A.Vector): A.Data {
  // rare: dictionaries split into several chunks; rebuild one Utf8 chunk
  const strings = v.toArray() as string[];
  return A.vectorFromArray(strings, new A.Utf8()).data[0];
}

function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bitmapBytes(length));
  for (let i = 0; i < length; i++) if (bytes[i] !== 0) out[i >> 3] |= 1 << (i & 7);
  return out;
}

/** An Arrow Data chunk over a Dusk column. Dictionary columns become plain Utf8 unless `keepDictionary`. */
export function columnToArrowData(col: Column, keepDictionary = false): A.Data {
  const nulls = nullCount(col.validity, col.length);
  const nullBitmap = nulls === 0 ? undefined : col.validity ?? undefined;
  switch (col.layout) {
    case "bool":
      return A.makeData({ type: new A.Bool(), length: col.length, nullCount: nulls, nullBitmap, data: packBits(col.values, col.length) });
    case "primitive":
      return A.makeData({ type: arrowTypeOf(col.dtype) as A.Int32, length: col.length, nullCount: nulls, nullBitmap, data: col.values as Int32Array });
    case "utf8":
      return A.makeData({ type: new A.Utf8(), length: col.length, nullCount: nulls, nullBitmap, valueOffsets: col.offsets, data: col.data });
    case "dict": {
      if (!keepDictionary) return columnToArrowData(dictDecode(col));
      const dictionary = A.makeVector(columnToArrowData(col.dictionary) as A.Data<A.Utf8>);
      return A.makeData({
        type: new A.Dictionary(new A.Utf8(), new A.Int32()), length: col.length, nullCount: nulls, nullBitmap,
        data: col.codes, dictionary,
      });
    }
  }
}

/** The Arrow schema for named dtypes. */
export function arrowSchemaOf(names: readonly string[], types: readonly DType[]): A.Schema {
  return new A.Schema(names.map((n, i) => new A.Field(n, arrowTypeOf(types[i]), true)));
}

/** An Arrow RecordBatch over a Dusk batch (dictionary columns decoded unless `keepDictionary`). */
export function batchToRecordBatch(batch: Batch, schema: A.Schema, keepDictionary = false): A.RecordBatch {
  const children = batch.columns.map((c) => columnToArrowData(c, keepDictionary));
  // a kept dictionary changes the field's type (and each Dictionary type carries its own id): the
  // schema must name the very types of the data, or IPC writers pair buffers with the wrong fields
  const s = keepDictionary && batch.columns.some((c) => c.layout === "dict")
    ? new A.Schema(schema.fields.map((f, i) => new A.Field(f.name, children[i].type, f.nullable)), schema.metadata)
    : schema;
  const data = A.makeData({ type: new A.Struct(s.fields), length: batch.length, nullCount: 0, children });
  return new A.RecordBatch(s, data);
}

/** An Arrow Table over Dusk batches (one record batch per non-empty batch; no copies except bool and dictionaries). */
export function batchesToTable(batches: readonly Batch[], names: readonly string[], types: readonly DType[]): A.Table {
  const schema = arrowSchemaOf(names, types);
  const rbs = batches.filter((b) => b.length > 0).map((b) => batchToRecordBatch(b, schema));
  return rbs.length === 0 ? new A.Table(schema) : new A.Table(schema, rbs);
}

/** Dusk batches over an Arrow table, one per record batch, plus the schema's names and dtypes. */
export function tableToBatches(table: A.Table): { names: string[]; dtypes: DType[]; batches: Batch[] } {
  const names = table.schema.fields.map((f) => f.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new DuskError("DUPLICATE_COLUMN", `the Arrow table has two columns named "${n}"; rename one before passing it in`, { column: n });
    seen.add(n);
  }
  const types = table.schema.fields.map((f) => dtypeOfArrow(f.type, f.name));
  const batches = table.batches.map((rb) => ({
    names,
    columns: rb.schema.fields.map((f, j) => columnFromArrowData(rb.getChildAt(j)!.data[0], f.name)),
    length: rb.numRows,
  }));
  return { names, dtypes: types, batches };
}

export { formatDType };
