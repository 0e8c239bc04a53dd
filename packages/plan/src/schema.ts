/**
 * Schemas: ordered, uniquely named, typed fields. Immutable.
 *
 * @example
 * ```ts
 * const s = Schema.of({ id1: "utf8", v1: "int64" });
 * s.names;              // ["id1", "v1"]
 * s.require("v9", "filter(v9 > 1)"); // throws: column "v9" not found in filter(v9 > 1); columns are id1, v1
 * ```
 */
import { DuskError, dtypeEquals, formatDType, parseDType, type DType, type DTypeLike } from "@dusk/core";

export interface Field {
  readonly name: string;
  readonly dtype: DType;
}

export class Schema {
  readonly fields: readonly Field[];
  private readonly index: ReadonlyMap<string, number>;

  constructor(fields: readonly Field[]) {
    const index = new Map<string, number>();
    fields.forEach((f, i) => {
      if (index.has(f.name)) {
        throw new DuskError("DUPLICATE_COLUMN", `column "${f.name}" appears twice; column names must be unique`, { column: f.name });
      }
      index.set(f.name, i);
    });
    this.fields = Object.freeze(fields.map((f) => Object.freeze({ name: f.name, dtype: f.dtype })));
    this.index = index;
    Object.freeze(this);
  }

  /** A schema from `{ name: dtype }` in insertion order. */
  static of(spec: Readonly<Record<string, DTypeLike>>): Schema {
    return new Schema(Object.entries(spec).map(([name, t]) => ({ name, dtype: parseDType(t, `column "${name}"`) })));
  }

  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  get length(): number {
    return this.fields.length;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  indexOf(name: string): number {
    return this.index.get(name) ?? -1;
  }

  field(name: string): Field | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.fields[i];
  }

  /** The field called `name`; throws COLUMN_NOT_FOUND naming `where` and the columns there are. */
  require(name: string, where?: string): Field {
    const f = this.field(name);
    if (f) return f;
    throw columnNotFound(name, this.names, where);
  }

  /** A schema of the named fields, in the order given. */
  select(names: readonly string[], where?: string): Schema {
    return new Schema(names.map((n) => this.require(n, where)));
  }

  equals(other: Schema): boolean {
    return this.fields.length === other.fields.length &&
      this.fields.every((f, i) => f.name === other.fields[i].name && dtypeEquals(f.dtype, other.fields[i].dtype));
  }

  toString(): string {
    return `{${this.fields.map((f) => `${f.name}: ${formatDType(f.dtype)}`).join(", ")}}`;
  }
}

/** The error for a missing column, with the columns there are and the closest name. */
export function columnNotFound(name: string, names: readonly string[], where?: string): DuskError {
  const near = closest(name, names);
  const list = names.length > 20 ? `${names.slice(0, 20).join(", ")}, ... (${names.length} in all)` : names.join(", ");
  return new DuskError("COLUMN_NOT_FOUND",
    `column "${name}" not found${where ? ` in ${where}` : ""}; columns are ${list || "(none)"}${near ? `. Did you mean "${near}"?` : ""}`,
    { column: name, columns: [...names] });
}

function closest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  for (const n of names) {
    const d = n.toLowerCase() === lower ? 0 : editDistance(lower, n.toLowerCase());
    if (d < bestD) { bestD = d; best = n; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
