import { describe, expect, it } from "vitest";
import { BytesInterner, Int32Interner, Int64Interner } from "@dusk/kernels";

describe("interners", () => {
  it("find every key again after growing", () => {
    const enc = new TextEncoder();
    const b = new BytesInterner(4);
    const keys = Array.from({ length: 5000 }, (_, i) => enc.encode(`s${i}`));
    keys.forEach((k, i) => expect(b.intern(k, 0, k.length)).toBe(i));
    keys.forEach((k, i) => expect(b.intern(k, 0, k.length)).toBe(i));
    expect(b.size).toBe(5000);
    expect(b.find(enc.encode("nope"), 0, 4)).toBe(-1);
    const c = b.toColumn();
    expect(new TextDecoder().decode(c.data.subarray(c.offsets[4321], c.offsets[4322]))).toBe("s4321");

    const i32 = new Int32Interner(2);
    for (let i = 0; i < 5000; i++) expect(i32.intern(i * 7919 - 20000)).toBe(i);
    for (let i = 0; i < 5000; i++) expect(i32.find(i * 7919 - 20000)).toBe(i);
    const i64 = new Int64Interner(2);
    for (let i = 0; i < 5000; i++) expect(i64.intern(i, -i)).toBe(i);
    for (let i = 0; i < 5000; i++) expect(i64.find(i, -i)).toBe(i);
    expect(i64.find(1, 1)).toBe(-1);
  });
});
