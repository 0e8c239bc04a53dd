/**
 * Which of `nparts` partitions each row's key goes to, by a hash of the key values: equal keys go
 * to the same partition in every batch, so two sides hash-partitioned alike can be joined (or a
 * frame grouped) partition by partition. Keys must already be in their common dtype on both sides
 * (the caller casts): the hash is of the value in that dtype. Rows with a null key go to
 * partition 0 (they match nothing, but outer joins and `dropna: false` keep them).
 *
 * @example
 * ```ts
 * const parts = partitionIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])], 4); // Int32Array, parts[0] === parts[2]
 * ```
 */
import { DuskError, formatDType } from "@dusk/core";
import type { Column } from "../column.js";
import { fmix32, hashWords } from "../hash/mix.js";
import { hashString } from "../hash/utf8-ids.js";

const F64 = new Float64Array(1);
const F64_WORDS = new Int32Array(F64.buffer);

/** Mixes the hash of one key column into `h` (per row); marks null rows in `nulls`. */
function mixColumn(c: Column, h: Int32Array, nulls: Uint8Array): void {
  const n = c.length;
  const v = c.validity;
  if (v !== null) for (let i = 0; i < n; i++) if (((v[i >> 3] >> (i & 7)) & 1) === 0) nulls[i] = 1;
  switch (c.layout) {
    case "bool":
      for (let i = 0; i < n; i++) h[i] = fmix32(Math.imul(h[i], 31) ^ (c.values[i] !== 0 ? 1 : 2));
      return;
    case "primitive": {
      const a = c.values;
      if (a instanceof BigInt64Array || a instanceof BigUint64Array) {
        const w = new Int32Array(a.buffer, a.byteOffset, a.length * 2);
        for (let i = 0; i < n; i++) h[i] = fmix32(Math.imul(h[i], 31) ^ hashWords(w[2 * i], w[2 * i + 1]));
      } else if (a instanceof Float64Array || a instanceof Float32Array) {
        for (let i = 0; i < n; i++) {
          F64[0] = a[i] === 0 ? 0 : a[i]; // -0 and 0 are one key
          h[i] = fmix32(Math.imul(h[i], 31) ^ hashWords(F64_WORDS[0], F64_WORDS[1]));
        }
      } else {
        for (let i = 0; i < n; i++) h[i] = fmix32(Math.imul(h[i], 31) ^ fmix32(a[i] | 0));
      }
      return;
    }
    case "utf8": {
      const { offsets, data } = c;
      const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      for (let i = 0; i < n; i++) h[i] = fmix32(Math.imul(h[i], 31) ^ hashString(data, dv, offsets[i], offsets[i + 1]));
      return;
    }
    case "dict": {
      // hash each dictionary entry once
      const d = c.dictionary;
      const dh = new Int32Array(d.length);
      const dv = new DataView(d.data.buffer, d.data.byteOffset, d.data.byteLength);
      for (let k = 0; k < d.length; k++) dh[k] = hashString(d.data, dv, d.offsets[k], d.offsets[k + 1]);
      const codes = c.codes;
      for (let i = 0; i < n; i++) h[i] = fmix32(Math.imul(h[i], 31) ^ (nulls[i] ? 0 : dh[codes[i]]));
      return;
    }
  }
}

export function partitionIds(keys: readonly Column[], nparts: number): Int32Array {
  if (keys.length === 0) throw new DuskError("INVALID_ARGUMENT", "partitionIds needs at least one key column");
  if (!Number.isInteger(nparts) || nparts < 1) throw new DuskError("INVALID_ARGUMENT", `partitionIds: nparts must be ≥ 1, got ${nparts}`);
  const n = keys[0].length;
  const h = new Int32Array(n);
  const nulls = new Uint8Array(n);
  for (const c of keys) {
    if (c.length !== n) throw new DuskError("INVALID_ARGUMENT", `partitionIds: key columns have ${n} and ${c.length} rows (${formatDType(c.dtype)})`);
    mixColumn(c, h, nulls);
  }
  // the hash's place in [0, 2^32) scaled to [0, nparts): exact in doubles (h · nparts < 2^53), and a
  // multiply where `%` of a uint32 would be a floating-point remainder per row
  if (nparts > 1 << 20) throw new DuskError("INVALID_ARGUMENT", `partitionIds: at most 1,048,576 parts, got ${nparts}`);
  const scale = nparts / 4294967296;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = nulls[i] ? 0 : Math.floor((h[i] >>> 0) * scale);
  return out;
}
