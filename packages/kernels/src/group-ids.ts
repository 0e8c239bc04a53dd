/**
 * Hash grouping: one dense group id per row, assigned in first-seen row order.
 *
 * Each key column is first mapped to dense ids on its own, by the cheapest exact method its layout
 * allows (a direct table for small integer ranges and bools, the 32-/64-bit interners on bit patterns,
 * the bytes interner for strings, one lookup per dictionary entry for dictionary-encoded strings).
 * Several keys are then combined pairwise into composite ids, so any number of keys works.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a", null])]);
 * g.ids;      // Int32Array [0, 1, 0, -1]   (null key dropped: dropna defaults to true)
 * g.ngroups;  // 2
 * g.firstRow; // Int32Array [0, 1]          (keys = take(keyColumn, firstRow))
 * ```
 */
import { DuskError } from "@dusk/core";
import type { BoolColumn, Column, DictColumn, Validity } from "./column.js";
import { int64Words } from "./column.js";
import { BytesInterner } from "./hash/bytes-interner.js";
import { Int32Interner } from "./hash/int32-interner.js";
import { Int64Interner } from "./hash/int64-interner.js";
import { utf8Ids } from "./hash/utf8-ids.js";
import { capacityFor, hashWords } from "./hash/mix.js";
import { firstRows } from "./first-rows.js";

/**
 * Rows grouped by key: per-row group ids, the number of groups and each group's first row.
 *
 * @example
 * ```ts
 * const g: Grouping = groupIds([keys]);
 * const keyRows = take(keys, g.firstRow); // one row per group, in group-id order
 * ```
 */
export interface Grouping {
  /** Per input row: group id 0..ngroups-1, or -1 for a row that belongs to no group (null key with dropna). */
  readonly ids: Int32Array;
  readonly ngroups: number;
  /** Per group: index of the first row of that group (so keys = take(keyColumn, firstRow)). */
  readonly firstRow: Int32Array;
}

/**
 * Options of {@link groupIds}.
 *
 * @example
 * ```ts
 * groupIds([city], { dropna: false });  // null cities form a group
 * groupIds([], { length: batch.length }); // whole-frame aggregate: one group
 * ```
 */
export interface GroupIdsOptions {
  /** Drop rows whose key (any key column) is null: they get id -1. Default true. With false, null is a key value of its own. */
  readonly dropna?: boolean;
  /**
   * Row count, used only when `keys` is empty (a whole-frame aggregate): every row then belongs to
   * group 0. Default 0.
   */
  readonly length?: number;
}

/** Dense ids of one key column; -1 marks null rows. */
interface KeyCodes {
  readonly ids: Int32Array;
  /** Distinct non-null keys. */
  readonly count: number;
  /** Distinct non-null keys seen before the first null row; -1 when there is no null. */
  readonly nullAt: number;
}

/** Largest table (entries) a direct-addressed mapping may allocate regardless of the row count. */
const DIRECT_MIN_CAP = 1 << 12;
/** Largest table (entries) a direct-addressed mapping may allocate at all (16 MB). */
const DIRECT_MAX_CAP = 1 << 22;

/** Entries a direct table over n rows may have: a small multiple of n, within the bounds above. */
const directCap = (n: number): number => Math.min(DIRECT_MAX_CAP, Math.max(DIRECT_MIN_CAP, 2 * n));

/**
 * Groups rows by the values of `keys` (equal-length columns). Group ids are assigned in first-seen row
 * order. Null keys: with `dropna` (default) such rows get -1; otherwise null is one more key value,
 * per key column. Float keys compare by value with -0 equal to 0, and every NaN is one key (NaN is a
 * value here, not a null).
 *
 * With no key columns every one of `options.length` rows is in group 0, and there is exactly one
 * group even for zero rows (`firstRow` is `[0]`), so a whole-frame aggregate of an empty frame still
 * yields one row.
 *
 * @example
 * ```ts
 * const a = columnFromValues(dtypes.int32, [1, 2, 1, 2]);
 * const b = columnFromValues(dtypes.utf8, ["x", "x", "x", "y"]);
 * groupIds([a, b]).ids;                 // Int32Array [0, 1, 0, 2]
 * groupIds([], { length: 3 }).ids;      // Int32Array [0, 0, 0]
 * ```
 */
export function groupIds(keys: readonly Column[], options: GroupIdsOptions = {}): Grouping {
  const dropna = options.dropna ?? true;
  if (keys.length === 0) {
    const length = options.length ?? 0;
    return { ids: new Int32Array(length), ngroups: 1, firstRow: Int32Array.of(0) };
  }
  const n = keys[0].length;
  for (let k = 1; k < keys.length; k++) {
    if (keys[k].length !== n) {
      throw new DuskError("INVALID_ARGUMENT",
        `groupIds: key column ${k} has ${keys[k].length} rows but key column 0 has ${n}`, { rows: [n, keys[k].length] });
    }
  }
  // composite ids do not depend on the order keys are combined in (ids are dense in first-seen row
  // order whatever it is): combining the fewest-valued keys first keeps the products small enough
  // for direct tables, and leaves the hashed passes to the columns that need them
  const codes = keys.map((c) => withNullGroup(keyCodes(c), dropna)).sort((x, y) => x.count - y.count);
  let cur = codes.length > 2 ? combineAll(codes, n) : null;
  if (cur === null) {
    cur = codes[0];
    for (let k = 1; k < codes.length; k++) cur = combinePair(cur.ids, cur.count, codes[k].ids, codes[k].count);
  }
  return { ids: cur.ids, ngroups: cur.count, firstRow: firstRows(cur.ids, cur.count) };
}

/** Bits needed for ids 0..count-1. */
const bitsFor = (count: number): number => (count <= 1 ? 0 : 32 - Math.clz32(count - 1));

/**
 * Three or more id columns combined in one hashed (or direct) pass instead of pairwise passes:
 * the ids are packed into one composite value per row (mixed radix when the product of the counts
 * fits 31 bits, else bit fields of two 32-bit words), which is injective, so the dense first-seen
 * ids are the same as pairwise combining gives. Null when the ids need more than 64 bits.
 */
function combineAll(codes: readonly { ids: Int32Array; count: number }[], n: number): { ids: Int32Array; count: number } | null {
  let product = 1;
  let bits = 0;
  for (const c of codes) { product *= c.count; bits += bitsFor(c.count); }
  if (bits > 64) return null;
  if (product < 2147483648) {
    // mixed radix in one int32 word, built a column at a time (sequential passes); -1 marks null rows
    const comp = new Int32Array(n);
    const first = codes[0].ids;
    for (let i = 0; i < n; i++) comp[i] = first[i];
    for (let k = 1; k < codes.length; k++) {
      const ids = codes[k].ids, nb = codes[k].count;
      for (let i = 0; i < n; i++) {
        const x = comp[i], y = ids[i];
        comp[i] = x < 0 || y < 0 ? -1 : x * nb + y;
      }
    }
    if (product <= directCap(n)) {
      const table = new Int32Array(product).fill(-1);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const c = comp[i];
        if (c < 0) continue;
        let g = table[c];
        if (g < 0) { g = count++; table[c] = g; }
        comp[i] = g;
      }
      return { ids: comp, count };
    }
    const interner = new Int32Interner(n);
    for (let i = 0; i < n; i++) {
      const c = comp[i];
      if (c >= 0) comp[i] = interner.intern(c);
    }
    return { ids: comp, count: interner.size };
  }
  // bit fields over (lo, hi); a field may straddle the two words. One plain loop per column and
  // word (no per-row branch on the field's place); null rows (-1) write garbage bits but are marked
  // dead after the column's pass, found from the OR of its ids being negative
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  let dead: Uint8Array | null = null;
  let at = 0;
  for (let k = 0; k < codes.length; k++) {
    const ids = codes[k].ids;
    const b = bitsFor(codes[k].count);
    const field = b === 32 ? -1 : (1 << b) - 1;
    const any = at + b <= 32 ? packLow(ids, lo, field, at, n)
      : at >= 32 ? packLow(ids, hi, field, at - 32, n)
        : packStraddling(ids, lo, hi, field, at, n);
    if (any < 0) {
      dead ??= new Uint8Array(n);
      for (let i = 0; i < n; i++) if (ids[i] < 0) dead[i] = 1;
    }
    at += b;
  }
  return internWordPairs(lo, hi, dead, n);
}

/** ORs each id (masked to `field`) shifted by `shift` into `word`; returns the OR of the ids (negative when one is -1). */
function packLow(ids: Int32Array, word: Int32Array, field: number, shift: number, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    any |= v;
    word[i] |= (v & field) << shift;
  }
  return any;
}

/** {@link packLow} for a field starting at bit `at` < 32 of `lo` and running into `hi`. */
function packStraddling(ids: Int32Array, lo: Int32Array, hi: Int32Array, field: number, at: number, n: number): number {
  let any = 0;
  const down = 32 - at;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    any |= v;
    const f = v & field;
    lo[i] |= f << at;
    hi[i] |= f >>> down;
  }
  return any;
}

/**
 * Dense first-seen ids of the (lo, hi) pairs of rows not marked dead (those get -1). An open
 * addressing table sized once for n distinct pairs, each slot holding its pair and id side by side
 * (lo, hi, id + 1, unused), so a probe touches one cache line rather than a slot and then the key.
 * The ids are written over `lo`.
 */
function internWordPairs(lo: Int32Array, hi: Int32Array, dead: Uint8Array | null, n: number): { ids: Int32Array; count: number } {
  const cap = capacityFor(2 * n);
  const mask = cap - 1;
  const table = scratchTable(cap * 4);
  const slots = new Int32Array(PROBE_BATCH);
  let count = 0;
  let touched = 0;
  for (let base = 0; base < n; base += PROBE_BATCH) {
    const end = Math.min(n, base + PROBE_BATCH);
    // a batch's home slots first, read once each: independent loads whose cache misses overlap,
    // so the probes below mostly find their lines in cache (a table of 2.5M pairs: 1.5× faster)
    for (let i = base; i < end; i++) slots[i - base] = hashWords(lo[i], hi[i]) & mask;
    if (cap > PROBE_BATCH_MIN_CAP) for (let k = 0; k < end - base; k++) touched |= table[(slots[k] << 2) + 2];
    for (let i = base; i < end; i++) {
      if (dead !== null && dead[i] === 1) { lo[i] = -1; continue; }
      const a = lo[i], b = hi[i];
      let s = slots[i - base];
      for (;;) {
        const t = s << 2;
        const e = table[t + 2];
        if (e === 0) {
          table[t] = a; table[t + 1] = b; table[t + 2] = ++count;
          lo[i] = count - 1;
          break;
        }
        if (table[t] === a && table[t + 1] === b) { lo[i] = e - 1; break; }
        s = (s + 1) & mask;
      }
    }
  }
  readAhead = touched; // kept, so the reads ahead are never optimised away
  return { ids: lo, count };
}

let readAhead = 0;

/** Rows whose home slots {@link internWordPairs} reads ahead together. */
const PROBE_BATCH = 32;
/** Tables of at most this many slots stay in cache: no reading ahead. */
const PROBE_BATCH_MIN_CAP = 1 << 16;

/** Tables of at least this many entries are taken from {@link scratchTable}. */
const SCRATCH_MIN = 1 << 20;
let scratch: WeakRef<Int32Array> | null = null;

/**
 * A zeroed Int32Array of `length` for a hash table used only during one call (its content is
 * dropped when the call returns). A large table reuses the memory of the last one while the
 * garbage collector leaves it (a WeakRef, so memory pressure still frees it): touching fresh
 * pages costs more than the hashing itself for a table of 100+ MB, several times more when the
 * workers' threads fault pages in at once (2.5M distinct pairs: 0.3 s hashing into a reused table,
 * 1.0–1.2 s into fresh ones with two workers).
 */
function scratchTable(length: number): Int32Array {
  if (length < SCRATCH_MIN) return new Int32Array(length);
  const cached = scratch?.deref();
  if (cached !== undefined && cached.length >= length) {
    const t = cached.subarray(0, length);
    t.fill(0);
    return t;
  }
  const t = new Int32Array(length);
  scratch = new WeakRef(t);
  return t;
}

/** With dropna false, makes null one more id (in first-seen position); otherwise leaves -1 on null rows. */
function withNullGroup(k: KeyCodes, dropna: boolean): { ids: Int32Array; count: number } {
  if (dropna || k.nullAt < 0) return { ids: k.ids, count: k.count };
  const ids = k.ids;
  const at = k.nullAt;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id < 0) ids[i] = at;
    else if (id >= at) ids[i] = id + 1;
  }
  return { ids, count: k.count + 1 };
}

/** Composite ids of two id columns (-1 on either side gives -1), dense in first-seen order. */
function combinePair(a: Int32Array, na: number, b: Int32Array, nb: number): { ids: Int32Array; count: number } {
  const n = a.length;
  const out = new Int32Array(n);
  const product = na * nb;
  let count = 0;
  if (product <= directCap(n)) {
    const table = new Int32Array(product).fill(-1);
    for (let i = 0; i < n; i++) {
      const x = a[i], y = b[i];
      if (x < 0 || y < 0) { out[i] = -1; continue; }
      const c = x * nb + y;
      let g = table[c];
      if (g < 0) { g = count++; table[c] = g; }
      out[i] = g;
    }
    return { ids: out, count };
  }
  if (product < 2147483648) {
    const interner = new Int32Interner(n); // at most one group per row: sized once, never regrown
    for (let i = 0; i < n; i++) {
      const x = a[i], y = b[i];
      out[i] = x < 0 || y < 0 ? -1 : interner.intern(x * nb + y);
    }
    return { ids: out, count: interner.size };
  }
  const interner = new Int64Interner(n);
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    out[i] = x < 0 || y < 0 ? -1 : interner.intern(x, y);
  }
  return { ids: out, count: interner.size };
}

/** Dense ids of one key column, by layout and dtype. */
function keyCodes(col: Column): KeyCodes {
  switch (col.layout) {
    case "bool": return boolCodes(col);
    case "utf8": return utf8Ids(col);
    case "dict": return dictCodes(col);
    case "primitive": {
      const v = col.values;
      switch (col.dtype.kind) {
        case "int8": case "int16": case "uint8": case "uint16":
          // one native widening copy keeps the loops below monomorphic (see aggregates/widen.ts)
          return int32Codes(new Int32Array(v as Int8Array | Int16Array | Uint8Array | Uint16Array), col.validity);
        case "int32": case "date32":
          return int32Codes(v as Int32Array, col.validity);
        case "uint32": {
          // grouped by bit pattern, which is one-to-one: an Int32Array view keeps the loops monomorphic
          const u = v as Uint32Array;
          return int32Codes(new Int32Array(u.buffer, u.byteOffset, u.length), col.validity);
        }
        case "int64": case "timestamp":
          return int64Codes(int64Words(v as BigInt64Array), col.validity, false);
        case "uint64":
          return int64Codes(int64Words(v as BigUint64Array), col.validity, true);
        case "float32": {
          const f = v as Float32Array;
          return float32Codes(new Int32Array(f.buffer, f.byteOffset, f.length), col.validity);
        }
        case "float64": {
          const f = v as Float64Array;
          return float64Codes(new Int32Array(f.buffer, f.byteOffset, f.length * 2), col.validity);
        }
      }
    }
  }
}

function boolCodes(col: BoolColumn): KeyCodes {
  const n = col.length;
  const { values, validity } = col;
  const ids = new Int32Array(n);
  const table = Int32Array.of(-1, -1);
  let count = 0;
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = count;
      continue;
    }
    const v = values[i];
    let g = table[v];
    if (g < 0) { g = count++; table[v] = g; }
    ids[i] = g;
  }
  return { ids, count, nullAt };
}

/** Integer keys of at most 32 bits: a direct table when the value range is small, else the 32-bit interner. */
function int32Codes(values: Int32Array, validity: Validity): KeyCodes {
  const n = values.length;
  if (n === 0) return { ids: new Int32Array(0), count: 0, nullAt: -1 };
  // range over every slot (values under nulls are 0 or garbage; they can only widen it)
  let min = values[0], max = min;
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return codesInRange(values, validity, min, max);
}

/** {@link int32Codes} once the values' range [min, max] is known. */
function codesInRange(values: Int32Array, validity: Validity, min: number, max: number): KeyCodes {
  if (max - min < directCap(values.length)) return directCodes(values, validity, min, max - min + 1);
  return hashedInt32Codes(values, validity);
}

function directCodes(
  values: Int32Array,
  validity: Validity, min: number, range: number,
): KeyCodes {
  const n = values.length;
  const ids = new Int32Array(n);
  const table = new Int32Array(range).fill(-1);
  let count = 0;
  let nullAt = -1;
  if (validity === null) {
    for (let i = 0; i < n; i++) {
      const k = values[i] - min;
      let g = table[k];
      if (g < 0) { g = count++; table[k] = g; }
      ids[i] = g;
    }
    return { ids, count, nullAt };
  }
  for (let i = 0; i < n; i++) {
    if (((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = count;
      continue;
    }
    const k = values[i] - min;
    let g = table[k];
    if (g < 0) { g = count++; table[k] = g; }
    ids[i] = g;
  }
  return { ids, count, nullAt };
}

function hashedInt32Codes(values: Int32Array, validity: Validity): KeyCodes {
  const n = values.length;
  const ids = new Int32Array(n);
  const interner = new Int32Interner(Math.min(n, 1024));
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = interner.size;
      continue;
    }
    ids[i] = interner.intern(values[i]);
  }
  return { ids, count: interner.size, nullAt };
}

/**
 * 64-bit integer keys as word pairs. When every value fits 32 bits (the usual case for ids read as
 * int64), the low words go through the 32-bit path instead, which may use a direct table.
 */
function int64Codes(words: Int32Array, validity: Validity, unsigned: boolean): KeyCodes {
  const n = words.length >> 1;
  let narrow = true;
  // the low words are copied, and their range found, while checking (the usual case is narrow)
  const lows = new Int32Array(n);
  let min = n > 0 ? words[0] : 0, max = min;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i], hi = words[2 * i + 1];
    lows[i] = lo;
    if (lo < min) min = lo;
    else if (lo > max) max = lo;
    // signed: hi is the sign extension of lo; unsigned: hi is 0 and lo < 2^31
    if (hi !== (unsigned ? 0 : lo >> 31) || (unsigned && lo < 0)) {
      if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) { narrow = false; break; }
    }
  }
  if (narrow) return codesInRange(lows, validity, min, max);
  const ids = new Int32Array(n);
  const interner = new Int64Interner(Math.min(n, 1024));
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = interner.size;
      continue;
    }
    ids[i] = interner.intern(words[2 * i], words[2 * i + 1]);
  }
  return { ids, count: interner.size, nullAt };
}

const F32_CANONICAL_NAN = 0x7fc00000;
const F64_CANONICAL_NAN_HI = 0x7ff80000;
const SIGN = -2147483648; // 0x80000000 as int32

/** float32 keys by bit pattern, -0 folded onto 0 and every NaN onto one NaN. */
function float32Codes(bits: Int32Array, validity: Validity): KeyCodes {
  const n = bits.length;
  const ids = new Int32Array(n);
  const interner = new Int32Interner(Math.min(n, 1024));
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = interner.size;
      continue;
    }
    let b = bits[i];
    if ((b & 0x7fffffff) > 0x7f800000) b = F32_CANONICAL_NAN;
    else if (b === SIGN) b = 0;
    ids[i] = interner.intern(b);
  }
  return { ids, count: interner.size, nullAt };
}

/** float64 keys by bit pattern, -0 folded onto 0 and every NaN onto one NaN. */
function float64Codes(words: Int32Array, validity: Validity): KeyCodes {
  const n = words.length >> 1;
  const ids = new Int32Array(n);
  const interner = new Int64Interner(Math.min(n, 1024));
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = interner.size;
      continue;
    }
    let lo = words[2 * i], hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0) { lo = 0; hi = F64_CANONICAL_NAN_HI; }
    else if (hi === SIGN && lo === 0) hi = 0;
    ids[i] = interner.intern(lo, hi);
  }
  return { ids, count: interner.size, nullAt };
}

/**
 * Dictionary-encoded strings: each dictionary code met is mapped to a group once (hashing its string
 * once), so two codes holding equal strings share a group; every other row is one table lookup.
 */
function dictCodes(col: DictColumn): KeyCodes {
  const n = col.length;
  const { codes, validity, dictionary } = col;
  if (dictionary.length <= n) return dictCodesByEntries(col);
  const { offsets, data } = dictionary;
  const ids = new Int32Array(n);
  const codeToGroup = new Int32Array(dictionary.length).fill(-1);
  const interner = new BytesInterner(Math.min(dictionary.length, 1024));
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = interner.size;
      continue;
    }
    const c = codes[i];
    let g = codeToGroup[c];
    if (g < 0) { g = interner.intern(data, offsets[c], offsets[c + 1]); codeToGroup[c] = g; }
    ids[i] = g;
  }
  return { ids, count: interner.size, nullAt };
}

/**
 * {@link dictCodes} for a dictionary no longer than the column: its entries are told apart all at
 * once ({@link utf8Ids}: short strings as words, no byte loops), then each row's group is its
 * entry's, numbered in the order rows first meet them.
 */
function dictCodesByEntries(col: DictColumn): KeyCodes {
  const n = col.length;
  const { codes, validity } = col;
  const entries = utf8Ids(col.dictionary);
  const entryIds = entries.ids;
  const toGroup = new Int32Array(entries.count).fill(-1);
  const ids = new Int32Array(n);
  let count = 0;
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = count;
      continue;
    }
    const e = entryIds[codes[i]];
    let g = toGroup[e];
    if (g < 0) { g = count++; toGroup[e] = g; }
    ids[i] = g;
  }
  return { ids, count, nullAt };
}
