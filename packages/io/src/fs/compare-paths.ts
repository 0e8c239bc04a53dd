/**
 * The one order Dusk lists files in: by path, comparing code units (not locale order), so the
 * same files sort the same way on every machine and match S3's key order for ASCII keys.
 *
 * @example
 * ```ts
 * ["b.csv", "B.csv", "a.csv"].sort(comparePaths); // ["B.csv", "a.csv", "b.csv"]
 * ```
 */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
