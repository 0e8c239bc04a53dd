/**
 * Concatenating columns and batches of the same schema.
 */
import { DuskError, formatDType, type DType } from "@dusk/core";
import type { Batch, BoolColumn, Column, DictColumn, PrimitiveColumn, Utf8Column } from "./column.js";
import { allocArray, allocValues, isPrimitiveDType } from "./column.js";
import { emptyColumn } from "./build.js";
import { dictDecode, unifyDictionaries } from "./dictionary.js";
import { concatUtf8, concatValidity } from "./concat-utf8.js";

function concatDict(cols: readonly DictColumn[], total: number, shared: boolean): DictColumn {
  const first = cols[0].dictionary;
  const oneDictionary = cols.every((c) => c.dictionary === first);
  const codes = allocArray(Int32Array, total, shared);
  let at = 0;
  if (oneDictionary) {
    for (const c of cols) { codes.set(c.codes, at); at += c.length; }
    return { layout: "dict", dtype: cols[0].dtype, length: total, codes, dictionary: first, validity: concatValidity(cols, total, shared) };
  }
  const { dictionary, remaps } = unifyDictionaries(cols);
  cols.forEach((c, k) => {
    const m = remaps[k];
    const src = c.codes;
    const v = c.validity;
    if (v === null) for (let i = 0; i < c.length; i++) codes[at + i] = m[src[i]];
    else for (let i = 0; i < c.length; i++) codes[at + i] = ((v[i >> 3] >> (i & 7)) & 1) === 1 ? m[src[i]] : 0;
    at += c.length;
  });
  return { layout: "dict", dtype: cols[0].dtype, length: total, codes, dictionary, validity: concatValidity(cols, total, shared) };
}

/**
 * One column holding the rows of `cols` in order. All must have `dtype`; utf8 layouts may differ.
 * With `shared`, new buffers are in shared memory (a dictionary is kept or merged as usual).
 */
export function concatColumns(cols: readonly Column[], dtype: DType, shared = false): Column {
  const parts = cols.filter((c) => c.length > 0);
  if (parts.length === 0) return emptyColumn(dtype);
  if (parts.length === 1) return parts[0];
  for (const c of parts) {
    if (c.dtype.kind !== dtype.kind) {
      throw new DuskError("INTERNAL", `concat: column of ${formatDType(c.dtype)} among ${formatDType(dtype)} columns`);
    }
  }
  const total = parts.reduce((a, c) => a + c.length, 0);
  if (dtype.kind === "utf8") {
    if (parts.every((c) => c.layout === "dict")) return concatDict(parts as DictColumn[], total, shared);
    return concatUtf8(parts.map((c) => (c.layout === "dict" ? dictDecode(c) : c as Utf8Column)), total, shared);
  }
  if (dtype.kind === "bool") {
    const values = allocArray(Uint8Array, total, shared);
    let at = 0;
    for (const c of parts as BoolColumn[]) { values.set(c.values, at); at += c.length; }
    return { layout: "bool", dtype: (parts[0] as BoolColumn).dtype, length: total, values, validity: concatValidity(parts, total, shared) };
  }
  if (!isPrimitiveDType(dtype)) throw new DuskError("INTERNAL", `concat: ${formatDType(dtype)}`);
  const first = parts[0] as PrimitiveColumn;
  const values = allocValues(first.dtype, total, shared);
  let at = 0;
  for (const c of parts as PrimitiveColumn[]) {
    (values as { set(a: ArrayLike<number | bigint>, o: number): void }).set(c.values as ArrayLike<number | bigint>, at);
    at += c.length;
  }
  return { layout: "primitive", dtype: first.dtype, length: total, values, validity: concatValidity(parts, total, shared) };
}

/**
 * One batch holding the rows of `batches` in order; `dtypes` gives the column types (for empty
 * input). With `shared`, new buffers are in shared memory.
 */
export function concatBatches(batches: readonly Batch[], names: readonly string[], dtypes: readonly DType[], shared = false): Batch {
  const parts = batches.filter((b) => b.length > 0);
  if (parts.length === 1) return parts[0];
  const columns = names.map((_, j) => concatColumns(parts.map((b) => b.columns[j]), dtypes[j], shared));
  return { names, columns, length: parts.reduce((a, b) => a + b.length, 0) };
}
