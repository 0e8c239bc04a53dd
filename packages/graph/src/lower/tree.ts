/**
 * The groups of a reduction tree's level: as few groups of at most `max` items as cover them, of
 * sizes differing by at most one (10 partial results, fan-in 8: 5 + 5, not 8 + 2, so two workers
 * combine half each instead of one doing most while the other waits).
 *
 * @example `evenGroups([1, 2, 3, 4, 5], 4) // [[1, 2, 3], [4, 5]]`
 */
export function evenGroups<T>(items: readonly T[], max: number): T[][] {
  const groups = Math.ceil(items.length / max);
  const out: T[][] = [];
  for (let g = 0; g < groups; g++) {
    out.push(items.slice(Math.floor((g * items.length) / groups), Math.floor(((g + 1) * items.length) / groups)));
  }
  return out;
}
