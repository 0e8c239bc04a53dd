/**
 * Per id, the first row holding it, for dense ids in first-seen order (rows with a negative id,
 * null keys, are skipped).
 *
 * @example
 * ```ts
 * firstRows(Int32Array.of(0, 1, 0, -1, 2), 3); // Int32Array [0, 1, 4]
 * ```
 */
export function firstRows(ids: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let seen = 0;
  for (let i = 0; i < ids.length && seen < count; i++) {
    if (ids[i] === seen) out[seen++] = i;
  }
  return out;
}
