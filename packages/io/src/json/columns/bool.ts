/** bool columns of a JSON read: `true` and `false` only (no strings, no numbers), one byte per row. */
import { dtypes } from "@dusk/core";
import type { Column } from "@dusk/kernels";
import { fitted, growUint8 } from "../../csv/columns/builder.js";
import { ValidityBuilder } from "../../csv/columns/validity-builder.js";
import type { JsonColumnBuilder } from "./builder.js";

export class BoolJsonBuilder implements JsonColumnBuilder {
  private values: Uint8Array;
  private readonly validity = new ValidityBuilder();

  constructor(rows: number) {
    this.values = new Uint8Array(Math.max(16, rows));
  }

  append(v: unknown, r: number): boolean {
    if (typeof v !== "boolean") return false;
    if (r >= this.values.length) this.values = growUint8(this.values, r, r + 1);
    this.values[r] = v ? 1 : 0;
    return true;
  }

  appendBool(v: boolean, r: number): boolean { return this.append(v, r); }
  appendNumberText(): boolean { return false; }
  appendInteger(): boolean { return false; }
  appendStringBytes(): boolean { return false; }

  appendNull(r: number): void {
    if (r >= this.values.length) this.values = growUint8(this.values, r, r + 1);
    this.values[r] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    return { layout: "bool", dtype: dtypes.bool, length: n, values: fitted(this.values, n), validity: this.validity.finish(n) };
  }
}
