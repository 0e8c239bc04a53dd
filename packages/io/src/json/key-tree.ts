/**
 * The columns of a JSON read as a tree of keys, walked once per record: each node is a key; a node
 * may be a column (its values go to a builder), hold nested columns, or both (a key that holds
 * numbers in some records and objects in others). Subtrees without a column the block reads are
 * not walked at all.
 *
 * @example
 * ```ts
 * const root = buildKeyTree(schema.columns, ["user.id"]); // user → id (column 0)
 * root.children.get("user")?.children?.get("id")?.col;  // 0
 * ```
 */
import type { JsonColumnSpec } from "./schema.js";

/** Not a column: only holds nested columns. */
export const INTERIOR = -1;
/** A column this block does not read. */
export const NOT_READ = -2;

export interface KeyNode {
  /** The dotted name of the key. */
  readonly name: string;
  /** Index of the column among those read, or {@link INTERIOR} / {@link NOT_READ}. */
  col: number;
  children: Map<string, KeyNode> | null;
  /** An object here is kept as JSON text (a utf8 column with nothing nested below it). */
  text: boolean;
  /** Nothing below or at this key is read: its value is not looked at. */
  skip: boolean;
  /** The dotted names of the columns below this key, for messages. */
  readonly nested: string[];
  /** The key itself (last part of the path) as UTF-8, for the byte-level fast path. */
  readonly key: Uint8Array;
  /** The fast path's guess of the children in the order the previous record had them. */
  readonly order: (KeyNode | undefined)[];
}

const encoder = new TextEncoder();
const node = (name: string, key: string): KeyNode =>
  ({ name, col: INTERIOR, children: null, text: false, skip: false, nested: [], key: encoder.encode(key), order: [] });

/** The tree of `columns`, numbering the columns named in `read` (all when null) in their order there. */
export function buildKeyTree(columns: readonly JsonColumnSpec[], read: readonly string[]): KeyNode {
  const root = node("", "");
  for (const c of columns) {
    let n = root;
    for (let d = 0; d < c.path.length; d++) {
      n.nested.push(c.name);
      n.children ??= new Map();
      let next = n.children.get(c.path[d]);
      if (next === undefined) {
        next = node(c.path.slice(0, d + 1).join("."), c.path[d]);
        n.children.set(c.path[d], next);
      }
      n = next;
    }
    const i = read.indexOf(c.name);
    n.col = i >= 0 ? i : NOT_READ;
    n.text = c.text;
  }
  markSkips(root);
  return root;
}

/** Marks subtrees with no column read; returns whether `n` reads anything. */
function markSkips(n: KeyNode): boolean {
  let reads = n.col >= 0;
  if (n.children !== null) for (const c of n.children.values()) if (markSkips(c)) reads = true;
  n.skip = !reads;
  return reads;
}
