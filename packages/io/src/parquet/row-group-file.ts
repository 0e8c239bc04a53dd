/**
 * A small, valid Parquet file holding one row group of a bigger file and only the columns a read
 * needs: `PAR1`, those columns' chunk bytes side by side, and the original footer narrowed to match.
 * parquet-wasm's synchronous reader (the one that reports errors instead of trapping) wants a whole
 * file in memory and decodes every column in it; this gives it a file about the size of the data
 * being read, whatever the size of the original.
 *
 * The footer is copied byte for byte (schema elements, statistics, encodings, created_by, other
 * key-value metadata) except: the schema list, row group columns and column orders keep only the
 * selected columns; the root's child count, the file's row count and its row-group list (just the
 * chosen row group) are rewritten; each kept chunk's data and dictionary page offsets move to where
 * its bytes now are; page-index, bloom-filter, sorting-column and row-group offset fields, which point
 * into the old file or at dropped columns, are left out; the `ARROW:schema` entry is replaced by the
 * one given (the Arrow schema narrowed to the selected fields), or dropped.
 *
 * @example
 * ```ts
 * const layout = footerLayout(footerThrift);
 * const file = oneRowGroupFile(footerThrift, layout, {
 *   rowGroup: 3, numRows: 1000, elements: [2], chunks: new Map([[1, { bytes, range: chunkRange(md) }]]), arrowSchema: null,
 * });
 * parquetWasm().readParquet(file, { rowGroups: [0] });
 * ```
 */
import type { ChunkRange } from "./chunk-range.js";
import { CompactReader, CompactWriter, T } from "./thrift-compact.js";

type Span = readonly [start: number, end: number];

/** Where the parts of a footer lie, as byte spans of its Thrift bytes. */
export interface FooterLayout {
  /** Each schema element's struct (element 0 is the root). */
  readonly schema: readonly Span[];
  /** Each row group's struct. */
  readonly rowGroups: readonly Span[];
  /** Each key-value entry's key and struct. */
  readonly keyValues: readonly { readonly key: string; readonly span: Span }[];
  /** Each column order's struct (one per leaf column), or null when the footer has none. */
  readonly columnOrders: readonly Span[] | null;
  /** The other FileMetaData fields (version, created_by, ...) with their raw value bytes. */
  readonly others: readonly { readonly id: number; readonly type: number; readonly raw: Uint8Array }[];
}

/** The bytes of one selected column chunk and where they were in the original file. */
export interface ChunkBytes {
  readonly bytes: Uint8Array;
  readonly range: ChunkRange;
}

/** What the one-row-group file holds. */
export interface RowGroupSelection {
  /** Index of the row group in the original file. */
  readonly rowGroup: number;
  readonly numRows: number;
  /** Schema element indices of the selected top-level columns (each a single leaf), ascending. */
  readonly elements: readonly number[];
  /** The selected columns' chunks by leaf index; their leaf order matches `elements`. */
  readonly chunks: ReadonlyMap<number, ChunkBytes>;
  /** The new `ARROW:schema` value (base64 text, as bytes), or null to leave the entry out. */
  readonly arrowSchema: Uint8Array | null;
}

const MAGIC = Uint8Array.of(0x50, 0x41, 0x52, 0x31); // "PAR1"
const textDecoder = new TextDecoder();

/**
 * Finds the parts of a footer (its Thrift bytes, without length and magic). Throws a RangeError or
 * Error when the bytes are not a footer.
 *
 * @example
 * ```ts
 * footerLayout(thrift).rowGroups.length; // number of row groups
 * ```
 */
export function footerLayout(footer: Uint8Array): FooterLayout {
  const r = new CompactReader(footer);
  const spans = (): Span[] => {
    const { size } = r.listHeader();
    const out: Span[] = [];
    for (let i = 0; i < size; i++) {
      const start = r.pos;
      r.skip(T.STRUCT);
      out.push([start, r.pos]);
    }
    return out;
  };
  let schema: Span[] = [];
  let rowGroups: Span[] = [];
  const keyValues: { key: string; span: Span }[] = [];
  let columnOrders: Span[] | null = null;
  const others: { id: number; type: number; raw: Uint8Array }[] = [];
  r.enter();
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.type === T.LIST && f.id === 2) schema = spans();
    else if (f.type === T.LIST && f.id === 4) rowGroups = spans();
    else if (f.type === T.LIST && f.id === 7) columnOrders = spans();
    else if (f.type === T.LIST && f.id === 5) {
      for (const span of spans()) keyValues.push({ key: keyOf(footer, span), span });
    } else {
      const raw = r.skip(f.type);
      if (f.id !== 3) others.push({ id: f.id, type: f.type, raw });
    }
  }
  return { schema, rowGroups, keyValues, columnOrders, others };
}

/** The key (field 1) of a KeyValue struct. */
function keyOf(footer: Uint8Array, [start]: Span): string {
  const r = new CompactReader(footer.subarray(start));
  r.enter();
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id === 1 && f.type === T.BINARY) return textDecoder.decode(r.binary());
    r.skip(f.type);
  }
  return "";
}

/**
 * A Parquet file holding the selected columns of one row group; its only row group is number 0.
 *
 * @example
 * ```ts
 * const file = oneRowGroupFile(thrift, footerLayout(thrift), { rowGroup: 2, numRows, elements, chunks, arrowSchema });
 * ```
 */
export function oneRowGroupFile(footer: Uint8Array, layout: FooterLayout, sel: RowGroupSelection): Uint8Array {
  const leaves = [...sel.chunks.keys()].sort((a, b) => a - b);
  // data: PAR1, then the chunks in leaf order
  const base = new Map<number, number>();
  let at = MAGIC.byteLength;
  for (const k of leaves) {
    base.set(k, at);
    at += sel.chunks.get(k)!.bytes.byteLength;
  }
  const dataEnd = at;

  const w = new CompactWriter();
  const span = ([s, e]: Span): Uint8Array => footer.subarray(s, e);
  w.enter();
  const ids = [...new Set([...layout.others.map((o) => o.id), 2, 3, 4, 5, 7])].sort((a, b) => a - b);
  for (const id of ids) {
    switch (id) {
      case 2: // schema: the root with its new child count, then the selected elements
        w.fieldHeader(2, T.LIST);
        w.listHeader(T.STRUCT, 1 + sel.elements.length);
        rewriteRoot(new CompactReader(footer.subarray(layout.schema[0][0])), w, sel.elements.length);
        for (const e of sel.elements) w.bytes(span(layout.schema[e]));
        break;
      case 3:
        w.i64Field(3, BigInt(sel.numRows));
        break;
      case 4:
        w.fieldHeader(4, T.LIST);
        w.listHeader(T.STRUCT, 1);
        rewriteRowGroup(new CompactReader(footer.subarray(layout.rowGroups[sel.rowGroup][0])), w, sel.chunks, base);
        break;
      case 5: {
        const kept = layout.keyValues.filter((kv) => kv.key !== "ARROW:schema");
        if (kept.length === 0 && sel.arrowSchema === null) break;
        w.fieldHeader(5, T.LIST);
        w.listHeader(T.STRUCT, kept.length + (sel.arrowSchema === null ? 0 : 1));
        for (const kv of kept) w.bytes(span(kv.span));
        if (sel.arrowSchema !== null) {
          w.enter();
          w.binaryField(1, new TextEncoder().encode("ARROW:schema"));
          w.binaryField(2, sel.arrowSchema);
          w.stop();
        }
        break;
      }
      case 7: {
        const orders = layout.columnOrders;
        if (orders === null || leaves.some((k) => k >= orders.length)) break;
        w.fieldHeader(7, T.LIST);
        w.listHeader(T.STRUCT, leaves.length);
        for (const k of leaves) w.bytes(span(orders[k]));
        break;
      }
      default: {
        const o = layout.others.find((x) => x.id === id)!;
        w.rawField(o.id, o.type, o.raw);
      }
    }
  }
  w.stop();
  const meta = w.finish();

  const out = new Uint8Array(dataEnd + meta.byteLength + 8);
  out.set(MAGIC, 0);
  for (const k of leaves) out.set(sel.chunks.get(k)!.bytes, base.get(k)!);
  out.set(meta, dataEnd);
  new DataView(out.buffer).setUint32(dataEnd + meta.byteLength, meta.byteLength, true);
  out.set(MAGIC, dataEnd + meta.byteLength + 4);
  return out;
}

/** The root SchemaElement with num_children (5) set to `children`. */
function rewriteRoot(r: CompactReader, w: CompactWriter, children: number): void {
  r.enter();
  w.enter();
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id === 5) {
      r.skip(f.type);
      w.i32Field(5, children);
    } else {
      w.rawField(f.id, f.type, r.skip(f.type));
    }
  }
  r.leave();
  w.stop();
}

/** RowGroup: only the selected columns (1); sorting_columns (4), file_offset (5), total_compressed_size (6) and ordinal (7) dropped. */
function rewriteRowGroup(r: CompactReader, w: CompactWriter, chunks: ReadonlyMap<number, ChunkBytes>, base: ReadonlyMap<number, number>): void {
  r.enter();
  w.enter();
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id === 1 && f.type === T.LIST) {
      const { size } = r.listHeader();
      w.fieldHeader(1, T.LIST);
      w.listHeader(T.STRUCT, chunks.size);
      for (let k = 0; k < size; k++) {
        const chunk = chunks.get(k);
        if (chunk === undefined) r.skip(T.STRUCT);
        else rewriteColumnChunk(r, w, chunk, base.get(k)!);
      }
    } else if (f.id >= 4 && f.id <= 7) {
      r.skip(f.type);
    } else {
      w.rawField(f.id, f.type, r.skip(f.type));
    }
  }
  r.leave();
  w.stop();
}

/** ColumnChunk: meta_data (3) rewritten; page-index fields (4–7) dropped. */
function rewriteColumnChunk(r: CompactReader, w: CompactWriter, chunk: ChunkBytes, at: number): void {
  r.enter();
  w.enter();
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id === 3 && f.type === T.STRUCT) {
      w.fieldHeader(3, T.STRUCT);
      rewriteColumnMetaData(r, w, chunk, at);
    } else if (f.id >= 4 && f.id <= 7) {
      r.skip(f.type);
    } else {
      w.rawField(f.id, f.type, r.skip(f.type));
    }
  }
  r.leave();
  w.stop();
}

/**
 * ColumnMetaData: data_page_offset (9) and dictionary_page_offset (11) moved by as much as the
 * chunk moved; index page (10) and bloom filter (14, 15) dropped.
 */
function rewriteColumnMetaData(r: CompactReader, w: CompactWriter, chunk: ChunkBytes, at: number): void {
  r.enter();
  w.enter();
  const shift = BigInt(at) - BigInt(chunk.range.start);
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id === 9) {
      w.i64Field(9, r.int() + shift);
    } else if (f.id === 11) {
      const offset = r.int();
      if (chunk.range.dictionary) w.i64Field(11, offset + shift);
    } else if (f.id === 10 || f.id === 14 || f.id === 15) {
      r.skip(f.type);
    } else {
      w.rawField(f.id, f.type, r.skip(f.type));
    }
  }
  r.leave();
  w.stop();
}
