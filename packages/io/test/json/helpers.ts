/** Shared helpers of the JSON reader tests: temp files, a reader of every block of a plan, error capture. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDuskError, type DuskError } from "@dusk/core";
import { columnToValues, type ScalarValue } from "@dusk/kernels";
import { planJsonRead, readJsonBlock, type ReadJsonOptions } from "../../src/index.js";

export function writeIn(dir: string, name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Every block of a read, in order, as columns of plain values. */
export async function readAll(location: string | string[], options: ReadJsonOptions = {}, columns: string[] | null = null): Promise<Record<string, ScalarValue[]>> {
  const plan = planJsonRead(location, options);
  const names = columns ?? plan.schema.columns.map((c) => c.name);
  const out: Record<string, ScalarValue[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const b of plan.blocks) {
    const batch = await readJsonBlock(b, plan.read, names);
    batch.names.forEach((n, i) => out[n].push(...columnToValues(batch.columns[i])));
  }
  return out;
}

export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<DuskError> {
  try { await (typeof p === "function" ? p() : p); } catch (e) { if (isDuskError(e)) return e; throw e; }
  throw new Error("expected a DuskError");
}

/** mulberry32: a small seeded PRNG. */
export class Rand {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}
