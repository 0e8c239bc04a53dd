/**
 * Column names from a header row, as pandas makes them: an empty name becomes `Unnamed: <i>`, and
 * repeated names get `.1`, `.2`, … skipping names already taken (`a, a, a.1` → `a, a.1, a.1.1`),
 * as pandas' `mangle_dupe_cols` does.
 *
 * @example
 * ```ts
 * headerNames(["a", "", "a", "b", "a"]); // ["a", "Unnamed: 1", "a.1", "b", "a.2"]
 * ```
 */
export function headerNames(raw: readonly string[]): string[] {
  const named = raw.map((n, i) => (n === "" ? `Unnamed: ${i}` : n));
  return mangleDuplicates(named);
}

/** pandas' deduplication: the k-th repeat of `x` is `x.k`, skipping names already taken. */
export function mangleDuplicates(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  const out: string[] = [];
  for (let col of names) {
    let cur = counts.get(col) ?? 0;
    while (cur > 0) {
      counts.set(col, cur + 1);
      col = `${col}.${cur}`;
      cur = counts.get(col) ?? 0;
    }
    out.push(col);
    counts.set(col, cur + 1);
  }
  return out;
}
