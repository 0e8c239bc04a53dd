/**
 * Dropped shared memory is freed in time: SharedArrayBuffers do not start V8's collections, so each
 * thread starts one after every so many shared bytes it makes or receives.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SharedMemoryCollector, sharedBytesOf } from "../src/shared-memory-gc.js";

describe("SharedMemoryCollector", () => {
  it("starts a collection after every `every` bytes, carrying nothing over", () => {
    let started = 0;
    const gc = new SharedMemoryCollector(100, () => { started++; });
    gc.add(60);
    expect(started).toBe(0);
    gc.add(40);
    expect(started).toBe(1);
    gc.add(99);
    expect(started).toBe(1);
    gc.add(250);
    expect(started).toBe(2);
    expect(gc.started).toBe(2);
  });

  it("keeps a thread churning through shared memory at a bounded size (real collections)", () => {
    // 3.1 GB of shared arrays made, ~160 MB alive at a time: without collections the dead ones
    // stay resident (the process passes 3 GB)
    const script = fileURLToPath(new URL("./fixtures/shared-churn.mjs", import.meta.url));
    const out = JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 })) as { peak: number; started: number };
    expect(out.started).toBeGreaterThanOrEqual(10);
    expect(out.peak).toBeLessThan(1.2e9);
  }, 90_000);
});

describe("sharedBytesOf", () => {
  it("counts each SharedArrayBuffer a value reaches once, and nothing else", () => {
    const sab = new SharedArrayBuffer(64);
    const a = new Int32Array(sab, 0, 4), b = new Float64Array(sab, 16, 2);
    const other = new Uint8Array(new SharedArrayBuffer(10));
    const batch = { names: ["x", "y"], columns: [{ values: a, validity: null }, { values: b, validity: other }], length: 4 };
    expect(sharedBytesOf(batch)).toBe(74);
    expect(sharedBytesOf([batch, batch, sab])).toBe(74);
    expect(sharedBytesOf(new Float64Array(8))).toBe(0);
    expect(sharedBytesOf({ plain: new Uint8Array(100), n: 3, s: "x" })).toBe(0);
    // objects of other classes are not entered
    class Holder { constructor(readonly v: Uint8Array) {} }
    expect(sharedBytesOf(new Holder(other))).toBe(0);
    expect(sharedBytesOf(null)).toBe(0);
  });
});
