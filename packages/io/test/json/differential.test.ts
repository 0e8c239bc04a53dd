/**
 * The JSON reader against JSON.parse of each line, on generated records (nulls, missing keys,
 * unicode, escapes, multi-byte text across block boundaries, CRLF, blank lines), at many blocksizes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planJsonRead } from "../../src/index.js";
import { Rand, readAll, writeIn } from "./helpers.js";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-json-diff-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const WORDS = ["plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "日本語", "émoji 🙂", "", "\u0001ctl", "a/b", "\u2028sep"];

function record(r: Rand, i: number): Record<string, unknown> {
  const o: Record<string, unknown> = { id: i };
  if (!r.chance(0.1)) o.f = r.chance(0.1) ? null : r.int(-1e6, 1e6) / 1000 + 0.5;
  if (!r.chance(0.1)) o.s = r.chance(0.1) ? null : r.pick(WORDS) + (r.chance(0.3) ? "ü".repeat(r.int(0, 40)) : "");
  if (!r.chance(0.1)) o.b = r.chance(0.1) ? null : r.chance(0.5);
  if (!r.chance(0.1)) o.n = r.chance(0.2) ? null : { x: r.int(-100, 100), y: { z: r.pick(WORDS) } };
  if (!r.chance(0.1)) o.arr = r.chance(0.2) ? null : [r.int(0, 9), r.pick(WORDS), null];
  return o;
}

/** The expected columns: JSON.parse of each line, flattened by hand. */
function expected(lines: readonly string[]): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = { id: [], f: [], s: [], b: [], "n.x": [], "n.y.z": [], arr: [] };
  for (const line of lines) {
    if (line.trim() === "") continue;
    const o = JSON.parse(line) as Record<string, any>;
    cols.id.push(BigInt(o.id));
    cols.f.push(o.f ?? null);
    cols.s.push(o.s ?? null);
    cols.b.push(o.b ?? null);
    cols["n.x"].push(o.n?.x === undefined || o.n?.x === null ? null : BigInt(o.n.x));
    cols["n.y.z"].push(o.n?.y?.z ?? null);
    cols.arr.push(o.arr === undefined || o.arr === null ? null : JSON.stringify(o.arr));
  }
  return cols;
}

describe("readJson blocks against JSON.parse", () => {
  for (const [label, eol, blank] of [["LF", "\n", false], ["CRLF", "\r\n", false], ["LF with blank lines", "\n", true]] as const) {
    it(`reads every record once at any blocksize (${label})`, async () => {
      const r = new Rand(label.length);
      const lines: string[] = [];
      // the first 30 records have every key, so the sample sees them all
      for (let i = 0; i < 600; i++) {
        const rec = i < 30 ? { ...record(r, i), f: 1.5, s: "x", b: true, n: { x: 1, y: { z: "q" } }, arr: [1] } : record(r, i);
        lines.push(JSON.stringify(rec));
        if (blank && r.chance(0.05)) lines.push(r.chance(0.5) ? "" : "   ");
      }
      const path = writeIn(dir, `${label.replace(/\W+/g, "-")}.ndjson`, lines.join(eol) + eol);
      const want = expected(lines);
      for (const blocksize of [null, 31, 97, 1000, 4096, "64MB"] as const) {
        const got = await readAll(path, { blocksize });
        expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
        for (const k of Object.keys(want)) expect(got[k], `${k} at blocksize ${blocksize}`).toEqual(want[k]);
      }
      expect(planJsonRead(path, { blocksize: 97 }).blocks.length).toBeGreaterThan(100);
    });
  }

  it("keeps multi-byte characters whole when a block boundary falls inside one", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ i, s: "🙂日本".repeat((i % 7) + 1) }));
    const path = writeIn(dir, "multibyte.ndjson", lines.join("\n"));
    for (const blocksize of [5, 7, 11, 13, 29, 50, 301]) {
      const got = await readAll(path, { blocksize });
      expect(got.s).toEqual(lines.map((l) => (JSON.parse(l) as { s: string }).s));
    }
  });

  it("reads int64 beyond 2^53 exactly, also among floats with many digits", async () => {
    const big = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, 1n, 0n, -12345678901234567n];
    const lines = big.map((v, i) => `{"v": ${v}, "f": 0.${"1234567890123456789".slice(0, 10 + i)}, "s": "${v}"}`);
    const path = writeIn(dir, "big.ndjson", lines.join("\n") + "\n");
    const got = await readAll(path, { blocksize: 40 });
    expect(got.v).toEqual(big);
    expect(got.s).toEqual(big.map(String));
    expect(got.f).toEqual(lines.map((l) => Number(/"f": ([\d.]+)/.exec(l)![1])));
  });
});

describe("the byte-level fast path and the JSON.parse path agree", () => {
  /** JSON text of a record with its keys shuffled and random whitespace between tokens. */
  function loose(r: Rand, v: unknown): string {
    const sp = (): string => r.pick(["", "", " ", "\t", "  "]);
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((x) => loose(r, x)).join(",")}]`;
    const keys = Object.keys(v).sort(() => r.next() - 0.5);
    return `{${sp()}${keys.map((k) => `${JSON.stringify(k)}${sp()}:${sp()}${loose(r, (v as Record<string, unknown>)[k])}`).join(`${sp()},${sp()}`)}${sp()}}`;
  }

  it("on shuffled keys, whitespace, escapes, ignored keys and numbers in every form", async () => {
    const r = new Rand(99);
    const recs: Record<string, unknown>[] = [];
    for (let i = 0; i < 800; i++) {
      const o: Record<string, unknown> = {
        i: r.pick([i, -i, 0]),
        f: r.pick([1.5, -0, 2e-3, 1e21, -1.25e-7, i / 3, 0.1]),
        s: r.pick(WORDS),
        n: { a: r.int(-5, 5), b: r.pick(["x", "\"q\"", "ü"]) },
        "": r.chance(0.5) ? "empty key" : null,
      };
      if (r.chance(0.3)) o.ignored = r.pick([1, "x", true, null, [1, 2], { deep: 1 }]);
      recs.push(o);
    }
    const text = recs.map((o) => loose(r, o)).join("\n") + "\n";
    const path = writeIn(dir, "loose.ndjson", text);
    const columns = ["i", "f", "s", "n.a", "n.b", ""];
    const got = await readAll(path, { columns, blocksize: 2000, sampleSize: 4096 });
    const parsed = text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    expect(got.i).toEqual(parsed.map((o) => BigInt(o.i)));
    expect(got.f).toEqual(parsed.map((o) => o.f));
    expect(got.s).toEqual(parsed.map((o) => o.s));
    expect(got["n.a"]).toEqual(parsed.map((o) => BigInt(o.n.a)));
    expect(got["n.b"]).toEqual(parsed.map((o) => o.n.b));
    expect(got[""]).toEqual(parsed.map((o) => o[""]));
  });

  it("whole numbers in other forms read into integer columns, duplicate keys keep the last value", async () => {
    const path = writeIn(dir, "forms.ndjson", '{"v": 1}\n{"v": 1e2}\n{"v": 2.0}\n{"v": -0}\n{"v": 3, "v": 4}\n{"v": 12345678901234567}\n');
    expect((await readAll(path)).v).toEqual([1, 100, 2, -0, 4, 12345678901234568]); // inferred float64: 1e2 and 2.0 are floats
    expect((await readAll(path, { dtype: { v: "int64" } })).v).toEqual([1n, 100n, 2n, 0n, 4n, 12345678901234567n]);
  });
});
