/**
 * Progress of one computation, for progress bars and dashboards: tasks done of total, per group of
 * tasks (the key's name without its hash and partition: `aggregate-partial`, `scan-memory`), and
 * the memory the workers hold.
 */
export interface GroupProgress { done: number; total: number }

export interface ProgressEvent {
  readonly done: number;
  readonly total: number;
  readonly groups: Readonly<Record<string, GroupProgress>>;
  /** Results held by workers, in memory and on disk. */
  readonly keysInMemory: number;
  readonly memoryBytes: number;
  readonly spilledBytes: number;
}

/** The group a key belongs to: `filter-3f9a2c1b80a1d2e4:3` → `filter`; `inc-8d3e…` → `inc`. */
export function keyGroup(key: string): string {
  const i = key.lastIndexOf(":");
  const name = i > 0 ? key.slice(0, i) : key;
  return name.replace(/-[0-9a-f]{8,}$/, "");
}
