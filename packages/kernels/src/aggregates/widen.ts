/**
 * Widening narrow integer arrays to Int32Array before a hot loop, so that the loop meets at most a
 * few array classes (Int32Array, Uint32Array, Float32Array, Float64Array) and V8 keeps its element
 * accesses polymorphic rather than megamorphic (several times slower). The copy is one native
 * typed-array constructor call.
 *
 * @example
 * ```ts
 * widenNarrow(new Int8Array([-1, 2])); // Int32Array [-1, 2]
 * widenNarrow(new Float64Array([1.5])); // the same Float64Array
 * ```
 */

/** The 8- and 16-bit integer arrays (and bool bytes) as an Int32Array; wider arrays unchanged. */
export function widenNarrow<T>(values: T | Int8Array | Int16Array | Uint8Array | Uint16Array): T | Int32Array {
  if (values instanceof Int8Array || values instanceof Int16Array || values instanceof Uint8Array || values instanceof Uint16Array) {
    return new Int32Array(values);
  }
  return values as T;
}
