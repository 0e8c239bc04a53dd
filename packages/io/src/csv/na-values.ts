/**
 * The set of null strings (`naValues`) as bytes, matched against a field in place: first by length
 * (one table lookup rejects most fields), then byte by byte against the few strings of that length.
 *
 * @example
 * ```ts
 * const na = new NaMatcher(["", "NA", "null"]);
 * const b = new TextEncoder().encode("x,NA,");
 * na.matches(b, 2, 4); // true
 * na.matches(b, 0, 1); // false
 * na.matches(b, 5, 5); // true: the empty string
 * ```
 */
import { encodeUtf8 } from "@dusk/kernels";

export class NaMatcher {
  /** Longest null string in bytes (−1 when there is none); longer fields are never null. */
  readonly maxLength: number;
  /** For each length ≤ maxLen: index of the first string of that length in `order`, and one past the last. */
  private readonly firstByLen: Int32Array;
  private readonly data: Uint8Array;
  /** Start of each string (sorted by length) in `data`. */
  private readonly starts: Int32Array;
  /** True when the empty string is a null string. */
  readonly matchesEmpty: boolean;
  /** The strings, as given. */
  readonly values: readonly string[];
  /** The strings as UTF-8 bytes, in the order of {@link values}. */
  readonly encoded: readonly Uint8Array[];
  /**
   * 1 at each byte some non-empty null string starts with: a field of length ≥ 1 whose first byte
   * is 0 here is never null (the fast row loop tests this before calling {@link matches}).
   */
  readonly heads = new Uint8Array(256);

  constructor(values: readonly string[]) {
    this.values = values;
    this.encoded = values.map(encodeUtf8);
    const encoded = [...this.encoded].sort((a, b) => a.length - b.length);
    this.maxLength = encoded.length === 0 ? -1 : encoded[encoded.length - 1].length;
    this.matchesEmpty = encoded.length > 0 && encoded[0].length === 0;
    for (const e of encoded) if (e.length > 0) this.heads[e[0]] = 1;
    this.firstByLen = new Int32Array(this.maxLength + 2);
    this.starts = new Int32Array(encoded.length + 1);
    let bytes = 0;
    for (const e of encoded) bytes += e.length;
    this.data = new Uint8Array(bytes);
    let pos = 0;
    let k = 0;
    for (let len = 0; len <= this.maxLength + 1; len++) {
      this.firstByLen[len] = k;
      while (k < encoded.length && encoded[k].length === len) {
        this.starts[k] = pos;
        this.data.set(encoded[k], pos);
        pos += len;
        k++;
      }
    }
    this.starts[encoded.length] = pos;
  }

  /**
   * The matcher of `values`, made once per distinct list and shared (a matcher never changes):
   * every block of a file gets a parser of its own, which need not encode the strings anew.
   */
  static of(values: readonly string[]): NaMatcher {
    const key = JSON.stringify(values);
    let m = shared.get(key);
    if (m === undefined) {
      if (shared.size >= 64) shared.clear();
      m = new NaMatcher(values);
      shared.set(key, m);
    }
    return m;
  }

  /** True when `src[start, end)` is one of the null strings. */
  matches(src: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (len > this.maxLength) return false;
    const from = this.firstByLen[len];
    const to = this.firstByLen[len + 1];
    if (from === to) return false;
    if (len === 0) return true;
    const data = this.data;
    for (let k = from; k < to; k++) {
      const s = this.starts[k];
      let j = 0;
      while (j < len && data[s + j] === src[start + j]) j++;
      if (j === len) return true;
    }
    return false;
  }
}

const shared = new Map<string, NaMatcher>();

/** No null strings: what quoted fields are matched against when read with `quotedNa: false`. */
export const NO_NULL_STRINGS = new NaMatcher([]);
