/**
 * Whether a column must test every field against the null strings before parsing it: only when
 * some null string would otherwise parse as a value of the column (say `naValues: ["-1"]` on an
 * int column). Otherwise the null test runs only on fields that fail to parse, off the hot path.
 *
 * @example
 * ```ts
 * needsNaFirst(new NaMatcher(["", "NA"]), (b) => !Number.isNaN(parseFloatBytes(b, 0, b.length))); // false
 * needsNaFirst(new NaMatcher(["-1"]), (b) => !Number.isNaN(parseFloatBytes(b, 0, b.length)));     // true
 * ```
 */
import type { NaMatcher } from "../na-values.js";

export function needsNaFirst(na: NaMatcher, parses: (bytes: Uint8Array) => boolean): boolean {
  return na.encoded.some(parses);
}
