/**
 * Per-array-class copies of hot loops, so that V8 keeps each copy monomorphic.
 *
 * V8 optimizes every typed-array access for the array classes that access has seen. Once one loop
 * has run over more than four classes (int8 … float64 columns all go through the same compare),
 * its accesses turn megamorphic and the loop slows down 6–25× (Node 20, 1e7 rows: float64 add
 * 18 ms monomorphic, 137–527 ms megamorphic). Closures made by a factory share their feedback, so
 * they do not help; a fresh compilation of the same source does. This is the approach of
 * ndarray's `cwise`: {@link specialize} compiles one copy of a loop per combination of array
 * classes, once, and hands it back on later calls. The choice is made once per column, never per
 * row.
 *
 * A loop given to `specialize` must be self-contained: it may use its parameters, local variables
 * and globals such as `Math`, but no imported or module-level names (its source is recompiled
 * outside this module). Every loop is covered by tests over all the array classes it takes.
 *
 * @example
 * ```ts
 * function addLoop(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
 *   for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
 * }
 * specialize(addLoop, a, b, out)(a, b, out, a.length);
 * ```
 */

/** Any function: loops take typed arrays and numbers. */
type AnyFunction = Function;

const copies = new WeakMap<AnyFunction, Map<string, AnyFunction>>();
let codegenAllowed = true;

function className(x: unknown): string {
  return x === null || x === undefined ? "null" : (x as object).constructor.name;
}

/** The copy of `loop` compiled for the classes of `arrays` (compiled on first use). */
export function specialize<F extends AnyFunction>(loop: F, ...arrays: readonly unknown[]): F {
  if (!codegenAllowed) return loop;
  let byKey = copies.get(loop);
  if (byKey === undefined) {
    byKey = new Map();
    copies.set(loop, byKey);
  }
  let key = "";
  for (const a of arrays) key += className(a) + ",";
  let f = byKey.get(key);
  if (f === undefined) {
    try {
      f = new Function(`"use strict"; return (${loop.toString()});`)() as AnyFunction;
    } catch {
      // code generation disallowed (--disallow-code-generation-from-strings): run the shared copy
      codegenAllowed = false;
      return loop;
    }
    byKey.set(key, f);
  }
  return f as F;
}
