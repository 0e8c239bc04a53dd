import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DuskError, isDuskError } from "@dusk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverFilesSync, readRangeSync, runSync } from "../src/index.js";

const fixtures = new URL("./fixtures/sync-fixtures.mjs", import.meta.url).href;
const builtRunSync = new URL("../dist/sync/run-sync.js", import.meta.url).href;

function thrown(f: () => unknown): DuskError {
  try {
    f();
  } catch (e) {
    if (isDuskError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("runSync", () => {
  it("returns the result of an async function synchronously", () => {
    const result: number = runSync<number>(fixtures, "add", [2, 3]);
    expect(result).toBe(5);
    expect(runSync(fixtures, "plainValue", ["x"])).toEqual({ echoed: "x", when: new Date(0) });
  });

  it("reuses one worker for many calls (module state persists)", () => {
    const first = runSync<number>(fixtures, "counter", []);
    for (let i = 0; i < 50; i++) runSync(fixtures, "add", [i, 1]);
    expect(runSync<number>(fixtures, "counter", [])).toBe(first + 1);
  });

  it("moves byte arrays back", () => {
    const b = runSync<Uint8Array>(fixtures, "bytes", [300]);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(b.byteLength).toBe(300);
    expect(b[299]).toBe(299 % 256);
  });

  it("keeps a DuskError's code, message and details", () => {
    const e = thrown(() => runSync(fixtures, "failDusk", ["/data/x.csv"]));
    expect(e).toBeInstanceOf(DuskError);
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toBe("no such file: /data/x.csv");
    expect(e.details).toEqual({ path: "/data/x.csv", attempts: 3 });
  });

  it("turns other errors into INTERNAL DuskErrors naming the function", () => {
    const e = thrown(() => runSync(fixtures, "failPlain", []));
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toContain("failPlain");
    expect(e.message).toContain("TypeError: cannot read properties of undefined");
  });

  it("reports a missing export, a missing module and unclonable values clearly", () => {
    expect(thrown(() => runSync(fixtures, "nope", [])).message).toMatch(/has no exported function "nope"/);
    expect(thrown(() => runSync(fixtures, "notAFunction", [])).code).toBe("INVALID_ARGUMENT");
    const missing = thrown(() => runSync(new URL("./fixtures/missing.mjs", import.meta.url), "f", []));
    expect(missing.code).toBe("INVALID_ARGUMENT");
    expect(missing.message).toContain("could not load");
    expect(thrown(() => runSync(fixtures, "unclonable", [])).message).toContain("cannot be sent between threads");
    expect(thrown(() => runSync(fixtures, "add", [() => 1, 2])).code).toBe("INVALID_ARGUMENT");
  });

  it("times out with a clear error, then works again with a fresh worker", () => {
    const started = Date.now();
    const e = thrown(() => runSync(fixtures, "sleep", [5_000], { timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain("sleep");
    expect(e.message).toContain("did not finish within 200 ms");
    expect(runSync<number>(fixtures, "add", [1, 1])).toBe(2);
    expect(thrown(() => runSync(fixtures, "add", [1, 1], { timeoutMs: 0 })).code).toBe("INVALID_ARGUMENT");
  });

  it("does not keep a script alive (the worker is unref'd)", async () => {
    const script = `
      const { runSync } = await import(${JSON.stringify(builtRunSync)});
      console.log(runSync(${JSON.stringify(fixtures)}, "add", [20, 22]));
    `;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000 });
    expect(stdout.trim()).toBe("42");
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("discoverFilesSync and readRangeSync (local)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dusk-sync-"));
    await mkdir(join(dir, "d"));
    await writeFile(join(dir, "d", "a.csv"), "0123456789");
    await writeFile(join(dir, "d", "b.csv"), "x");
    await writeFile(join(dir, "d", "_SUCCESS"), "");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("discovers files synchronously", () => {
    const files = discoverFilesSync(join(dir, "d"));
    expect(files.map((f) => f.path)).toEqual([join(dir, "d", "a.csv"), join(dir, "d", "b.csv")]);
    expect(discoverFilesSync([join(dir, "d", "*.csv")], { extensions: [".csv"] })).toHaveLength(2);
  });

  it("keeps EMPTY_GLOB and NOT_FOUND errors", () => {
    const e = thrown(() => discoverFilesSync(join(dir, "d", "*.parquet")));
    expect(e.code).toBe("EMPTY_GLOB");
    expect(e.message).toContain(`no files match ${join(dir, "d", "*.parquet")}`);
    expect(thrown(() => discoverFilesSync(join(dir, "nope.csv"))).code).toBe("NOT_FOUND");
  });

  it("reads byte ranges synchronously", () => {
    expect(new TextDecoder().decode(readRangeSync(join(dir, "d", "a.csv"), 3, 6))).toBe("345");
    expect(new TextDecoder().decode(readRangeSync(join(dir, "d", "a.csv"), 8))).toBe("89");
  });
});
