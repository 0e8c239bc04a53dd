/**
 * Last stage of an aggregation: merge the remaining partial results, finalize each primitive,
 * compute the output expressions, and sort by the keys when asked (pandas' default).
 */
import { dtypes } from "@dusk/core";
import { concatBatches, dictionaryRanks, int64Words, sortIndices, takeBatch, type Batch, type Column, type Grouping, type PrimitiveColumn } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { combineBatch, combinePartials, partialLayout } from "./aggregate-combine.js";
import { decomposable, nullKeyRows, stateName, type AggregateSpec } from "./aggregate-spec.js";

export function aggregateFinal(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  const sorted = sortedFinal(spec, inputs as Batch[]);
  if (sorted !== null) return sorted;
  return finishMerged(spec, combinePartials(spec, inputs as Batch[]));
}

/**
 * The final stage grouped by sorting instead of hashing, for sorted results over several keys that
 * pack into 64 bits (see {@link packedSortKeys}): the partial rows are ordered by their packed keys
 * (a stable radix sort), runs of equal keys are the groups, numbered in key order, so the merged
 * states come out sorted and neither the hashing of every row nor a sort of the result is needed.
 * Each group's states are merged over its rows in row order and its keys are taken from its first
 * row, as with hashed ids, so the result is the same. Null when the keys do not allow it, or when
 * a primitive may raise an error naming a group (integer sum and prod), whose number would differ.
 */
function sortedFinal(spec: AggregateSpec, partials: readonly Batch[]): Batch | null {
  if (!spec.sort || spec.keys.length < 2) return null;
  for (const p of spec.primitives) {
    if ((p.fn === "sum" || p.fn === "prod") && p.inputType?.kind !== "float64" && p.inputType?.kind !== "float32") return null;
  }
  let rows = 0;
  for (const b of partials) rows += b.length;
  if (rows < 2) return null;
  const { names, dtypes: types } = partialLayout(spec);
  const keys = spec.keys.map((k) => columnOf(partials[0], k));
  // the keys of the first piece must qualify before anything is concatenated (most often all do)
  if (keys.some((c) => !packableKey(c))) return null;
  const all = concatBatches(partials, names, types);
  const keyCols = spec.keys.map((k) => columnOf(all, k));
  const n = all.length;
  const packed = packedSortKeys(keyCols, n);
  if (packed === null) return finishMerged(spec, combineBatch(spec, all));
  const order = sortIndices(packed, { ascending: true, nullsLast: true });
  const dead = spec.dropna ? nullKeyRows(keyCols, n) : null;
  const hi = (packed[0] as PrimitiveColumn).values as Uint32Array, lo = (packed[packed.length - 1] as PrimitiveColumn).values as Uint32Array;
  const ids = new Int32Array(n);
  const firstRow = new Int32Array(n);
  let g = -1, ph = 0, pl = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (dead !== null && dead[i] === 1) { ids[i] = -1; continue; }
    const h = hi[i], l = lo[i];
    if (g < 0 || h !== ph || l !== pl) { g++; firstRow[g] = i; ph = h; pl = l; }
    ids[i] = g;
  }
  const grouping: Grouping = { ids, ngroups: g + 1, firstRow: firstRow.slice(0, g + 1) };
  const merged = combineBatch(spec, all, grouping);
  const values = spec.primitives.map((prim) => {
    const k = decomposable(prim);
    const states = k.stateTypes(prim.inputType, prim.where).map((_, j) => columnOf(merged, stateName(prim, j)));
    return k.finalize(states, prim.where, prim.options);
  });
  const length = merged.length;
  const keyOut = spec.keys.map((k) => columnOf(merged, k));
  const finals: Batch = { names: [...spec.keys, ...spec.primitives.map((p) => p.name)], columns: [...keyOut, ...values], length };
  return {
    names: [...spec.keys, ...spec.outputs.map((ne) => ne.name)],
    columns: [...keyOut, ...spec.outputs.map((ne) => evaluateColumn(ne.expr, finals))],
    length,
  };
}

/** The rest of {@link aggregateFinal} from the merged partial states. */
function finishMerged(spec: AggregateSpec, merged: Batch): Batch {
  const values = spec.primitives.map((prim) => {
    const k = decomposable(prim);
    const states = k.stateTypes(prim.inputType, prim.where).map((_, j) => columnOf(merged, stateName(prim, j)));
    return k.finalize(states, prim.where, prim.options);
  });
  return aggregateOutputs(spec, spec.keys.map((k) => columnOf(merged, k)), values, merged.length);
}

/** Whether a key column's layout and dtype can be ranked by {@link keyRanks}. */
function packableKey(col: Column): boolean {
  if (col.layout === "dict") return true;
  if (col.layout !== "primitive") return false;
  const k = col.dtype.kind;
  return k === "int32" || k === "date32" || k === "int64" || k === "timestamp";
}

/**
 * The result from one row per group: the key columns and each primitive's final value become the
 * output expressions, sorted by the keys when the spec asks.
 */
export function aggregateOutputs(spec: AggregateSpec, keys: readonly Column[], values: readonly Column[], length: number): Batch {
  const finals: Batch = {
    names: [...spec.keys, ...spec.primitives.map((p) => p.name)],
    columns: [...keys, ...values],
    length,
  };
  const out: Batch = {
    names: [...spec.keys, ...spec.outputs.map((ne) => ne.name)],
    columns: [...keys, ...spec.outputs.map((ne) => evaluateColumn(ne.expr, finals))],
    length,
  };
  return sortedByKeys(spec, out);
}

/** `out` sorted by the spec's keys when it asks for sorting (nulls last), else unchanged. */
export function sortedByKeys(spec: AggregateSpec, out: Batch): Batch {
  if (!spec.sort || spec.keys.length === 0 || out.length < 2) return out;
  const keys = spec.keys.map((k) => columnOf(out, k));
  const packed = keys.length > 1 ? packedSortKeys(keys, out.length) : null;
  const order = sortIndices(packed ?? keys, { ascending: true, nullsLast: true });
  return takeBatch(out, order);
}

/** Per key: an order-preserving rank per row (nulls one past the largest) and the ranks' bit width. */
interface KeyRanks { readonly ranks: Int32Array; readonly bits: number }

const bitsFor = (count: number): number => (count <= 1 ? 0 : 32 - Math.clz32(count - 1));

/**
 * Several sort keys packed into one or two uint32 words per row (first key most significant), so
 * the radix sort makes a pass or two per word instead of per key and word. Each key becomes a dense
 * order-preserving rank (dictionary ranks for strings, value − min for integers) with nulls ranked
 * after every value, so rows compare exactly as the keys do with nulls last. Null (use the keys)
 * when some key is of another kind or the ranks need more than 64 bits.
 */
function packedSortKeys(keys: readonly Column[], n: number): Column[] | null {
  const parts: KeyRanks[] = [];
  let total = 0;
  for (const col of keys) {
    const r = keyRanks(col, n);
    if (r === null) return null;
    total += r.bits;
    if (total > 64) return null;
    parts.push(r);
  }
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  let at = total;
  for (const { ranks, bits } of parts) {
    at -= bits;
    if (bits === 0) continue;
    for (let i = 0; i < n; i++) {
      const v = ranks[i];
      if (at < 32) {
        lo[i] |= v << at;
        if (at + bits > 32) hi[i] |= v >>> (32 - at);
      } else hi[i] |= v << (at - 32);
    }
  }
  const word = (values: Uint32Array): Column => ({ layout: "primitive", dtype: dtypes.uint32, length: n, values, validity: null });
  return total > 32 ? [word(hi), word(lo)] : [word(lo)];
}

const isValid = (validity: Uint8Array | null, i: number): boolean => validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1;

function keyRanks(col: Column, n: number): KeyRanks | null {
  const validity = col.validity;
  if (col.layout === "dict") {
    const dranks = dictionaryRanks(col.dictionary);
    let max = -1;
    for (let j = 0; j < dranks.length; j++) if (dranks[j] > max) max = dranks[j];
    const codes = col.codes;
    const ranks = new Int32Array(n);
    const nul = max + 1;
    if (validity === null) for (let i = 0; i < n; i++) ranks[i] = dranks[codes[i]];
    else for (let i = 0; i < n; i++) ranks[i] = isValid(validity, i) ? dranks[codes[i]] : nul;
    return { ranks, bits: bitsFor(validity === null ? max + 1 : max + 2) };
  }
  if (col.layout !== "primitive") return null;
  let lows: Int32Array;
  switch (col.dtype.kind) {
    case "int32": case "date32": lows = col.values as Int32Array; break;
    case "int64": case "timestamp": {
      // only when every valid value fits 32 bits (hi is the sign extension of lo)
      const w = int64Words(col.values as BigInt64Array);
      lows = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const l = w[2 * i];
        if (w[2 * i + 1] !== l >> 31 && isValid(validity, i)) return null;
        lows[i] = l;
      }
      break;
    }
    default: return null;
  }
  let min = 2147483647, max = -2147483648;
  for (let i = 0; i < n; i++) {
    const v = lows[i];
    if ((v < min || v > max) && isValid(validity, i)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (max < min) { min = 0; max = -1; } // every value null
  const range = max - min + 1;
  if (range + 1 > 2147483647) return null;
  const ranks = new Int32Array(n);
  if (validity === null) for (let i = 0; i < n; i++) ranks[i] = lows[i] - min;
  else for (let i = 0; i < n; i++) ranks[i] = isValid(validity, i) ? lows[i] - min : range;
  return { ranks, bits: bitsFor(validity === null ? range : range + 1) };
}
