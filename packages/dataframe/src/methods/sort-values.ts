/**
 * sortValues(): pandas' `DataFrame.sort_values(by, ascending, na_position)`, stable (pandas'
 * `kind="stable"`). Runs as a distributed sample sort: partitions sort themselves, a sample of
 * their keys picks range boundaries, rows move to the partition of their range and are sorted
 * there; the output partitions, in order, hold the sorted frame.
 */
import { DuskError } from "@dusk/core";
import { sortNode, type LogicalNode, type NaPosition } from "@dusk/plan";

export interface SortValuesOptions {
  /** One direction for every key, or one per key (default true). */
  readonly ascending?: boolean | readonly boolean[];
  /** Where null and NaN keys go, whatever the direction: "last" (default) or "first". */
  readonly naPosition?: NaPosition;
}

/** The sort keys as a list, and one ascending flag per key. */
export function sortKeys(by: string | readonly string[], ascending: boolean | readonly boolean[] | undefined, where: string): [string[], boolean[]] {
  const keys = typeof by === "string" ? [by] : [...by];
  if (keys.some((k) => typeof k !== "string")) throw new DuskError("INVALID_ARGUMENT", `${where} takes a column name or a list of them`);
  const asc = ascending ?? true;
  if (typeof asc === "boolean") return [keys, keys.map(() => asc)];
  if (!Array.isArray(asc) || asc.some((a) => typeof a !== "boolean")) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: ascending must be a boolean or a list of booleans, got ${JSON.stringify(asc)}`);
  }
  return [keys, [...asc]];
}

export function sortValues(plan: LogicalNode, by: string | readonly string[], options: SortValuesOptions = {}): LogicalNode {
  const [keys, asc] = sortKeys(by, options.ascending, "sortValues");
  return sortNode(plan, keys, asc, options.naPosition ?? "last");
}
