import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { isDuskError } from "@dusk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverFiles } from "../src/index.js";
import { globToRegExp, splitGlob } from "../src/fs/glob.js";

let dir: string;

const layout = [
  "a.csv",
  "b.csv",
  "c.txt",
  "ab.csv",
  "data[1].csv",
  "_SUCCESS",
  ".hidden.csv",
  "x/1.csv",
  "x/2.csv",
  "x/_tmp/3.csv",
  "x/.part.csv.tmp",
  "y/1.csv",
  "y/deep/er/4.csv",
  "z/1.txt",
  "_meta/m.csv",
  "empty-ish/_SUCCESS",
  "empty-ish/.crc",
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dusk-discover-"));
  for (const f of layout) {
    await mkdir(dirname(join(dir, f)), { recursive: true });
    await writeFile(join(dir, f), f);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const names = async (location: string | string[], extensions?: string[]): Promise<string[]> =>
  (await discoverFiles(location, extensions === undefined ? {} : { extensions })).map((f) => relative(dir, f.path));

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isDuskError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("globToRegExp", () => {
  const m = (pattern: string, path: string): boolean => globToRegExp(pattern).test(path);
  it("handles every wildcard form", () => {
    expect(m("d/*.csv", "d/a.csv")).toBe(true);
    expect(m("d/*.csv", "d/e/a.csv")).toBe(false); // * stays within a segment
    expect(m("d/**/*.csv", "d/a.csv")).toBe(true); // ** may be zero segments
    expect(m("d/**/*.csv", "d/e/f/a.csv")).toBe(true);
    expect(m("d/**", "d/e/f/a.csv")).toBe(true);
    expect(m("d/?.csv", "d/a.csv")).toBe(true);
    expect(m("d/?.csv", "d/ab.csv")).toBe(false);
    expect(m("d/?", "d/")).toBe(false);
    expect(m("d/[ab].csv", "d/b.csv")).toBe(true);
    expect(m("d/[ab].csv", "d/c.csv")).toBe(false);
    expect(m("d/[a-c].csv", "d/c.csv")).toBe(true);
    expect(m("d/[!a].csv", "d/a.csv")).toBe(false);
    expect(m("d/[!a].csv", "d/b.csv")).toBe(true);
    expect(m("d/[!a]x", "d//x")).toBe(false); // never matches "/"
    expect(m("d/{a,b}.csv", "d/b.csv")).toBe(true);
    expect(m("d/{a,b}.csv", "d/c.csv")).toBe(false);
    expect(m("d/{x/*,y}.csv", "d/x/q.csv")).toBe(true); // alternatives hold wildcards and separators
    expect(m("d/{a,{b,c}}.csv", "d/c.csv")).toBe(true); // nested
    expect(m("d/{a,b", "d/{a,b")).toBe(true); // unclosed brace is literal
    expect(m("d/a+(1).csv", "d/a+(1).csv")).toBe(true); // regex characters are literal
    expect(m("s3://b/p-*/x.csv", "s3://b/p-2024/x.csv")).toBe(true);
  });

  it("splitGlob finds the fixed directory before the first wildcard", () => {
    expect(splitGlob("/data/2024/*.csv")).toEqual({ base: "/data/2024", rest: "*.csv" });
    expect(splitGlob("s3://b/data/{a,b}/x.csv")).toEqual({ base: "s3://b/data", rest: "{a,b}/x.csv" });
    expect(splitGlob("s3://b/*.csv")).toEqual({ base: "s3://b", rest: "*.csv" });
  });
});

describe("discoverFiles (local)", () => {
  it("a single file", async () => {
    expect(await names(join(dir, "a.csv"))).toEqual(["a.csv"]);
    const [f] = await discoverFiles(join(dir, "a.csv"));
    expect(f.size).toBe("a.csv".length);
  });

  it("a directory: every file below it, skipping names that start with . or _", async () => {
    expect(await names(dir)).toEqual([
      "a.csv",
      "ab.csv",
      "b.csv",
      "c.txt",
      "data[1].csv",
      "x/1.csv",
      "x/2.csv",
      "y/1.csv",
      "y/deep/er/4.csv",
      "z/1.txt",
    ]);
    expect(await names(join(dir, "x"))).toEqual(["x/1.csv", "x/2.csv"]);
  });

  it("a directory filtered by extensions", async () => {
    expect(await names(dir, [".TXT"])).toEqual(["c.txt", "z/1.txt"]);
  });

  it("a hidden directory named directly is read (only what is below it is filtered)", async () => {
    expect(await names(join(dir, "_meta"))).toEqual(["_meta/m.csv"]);
  });

  it("globs: *, **, ?, [abc], {a,b}", async () => {
    expect(await names(join(dir, "*.csv"))).toEqual(["a.csv", "ab.csv", "b.csv", "data[1].csv"]);
    expect(await names(join(dir, "**/*.csv"))).toEqual([
      "a.csv",
      "ab.csv",
      "b.csv",
      "data[1].csv",
      "x/1.csv",
      "x/2.csv",
      "y/1.csv",
      "y/deep/er/4.csv",
    ]);
    expect(await names(join(dir, "?.csv"))).toEqual(["a.csv", "b.csv"]);
    expect(await names(join(dir, "[ac].*"))).toEqual(["a.csv", "c.txt"]);
    expect(await names(join(dir, "{x,z}/*"))).toEqual(["x/1.csv", "x/2.csv", "z/1.txt"]);
    expect(await names(join(dir, "*/1.*"))).toEqual(["x/1.csv", "y/1.csv", "z/1.txt"]);
    expect(await names(join(dir, "y/**"))).toEqual(["y/1.csv", "y/deep/er/4.csv"]);
  });

  it("globs skip hidden names unless the pattern spells the leading character", async () => {
    expect(await names(join(dir, "x/**/*.csv"))).toEqual(["x/1.csv", "x/2.csv"]);
    expect(await names(join(dir, "x/_*/*.csv"))).toEqual(["x/_tmp/3.csv"]);
    expect(await names(join(dir, ".*.csv"))).toEqual([".hidden.csv"]);
    expect(await names(join(dir, "_*"))).toEqual(["_SUCCESS"]);
  });

  it("relative globs resolve against the working directory", async () => {
    const rel = relative(process.cwd(), join(dir, "x", "*.csv"));
    expect(await names(rel)).toEqual(["x/1.csv", "x/2.csv"]);
  });

  it("a name with wildcard characters that exists as a file is found", async () => {
    expect(await names(join(dir, "data[1].csv"))).toEqual(["data[1].csv"]);
  });

  it("a list of files, directories and globs, deduplicated and sorted", async () => {
    expect(await names([join(dir, "y"), join(dir, "b.csv"), join(dir, "?.csv"), join(dir, "x", "2.csv")])).toEqual([
      "a.csv",
      "b.csv",
      "x/2.csv",
      "y/1.csv",
      "y/deep/er/4.csv",
    ]);
  });

  it("EMPTY_GLOB names the pattern and the directory searched", async () => {
    const pattern = join(dir, "x", "*.parquet");
    const e = await rejection(discoverFiles(pattern));
    expect(e.code).toBe("EMPTY_GLOB");
    expect(e.message).toContain(`no files match ${pattern}`);
    expect(e.message).toContain(`searched ${join(dir, "x")}`);
  });

  it("EMPTY_GLOB for a relative pattern names it as written", async () => {
    const rel = join(relative(process.cwd(), dir), "data", "*.csv");
    const e = await rejection(discoverFiles(rel));
    expect(e.code).toBe("EMPTY_GLOB");
    expect(e.message).toContain(`no files match ${rel}`);
    expect(e.message).toContain(`searched ${join(dir, "data")}, which does not exist`);
  });

  it("a directory with only hidden files is EMPTY_GLOB", async () => {
    const e = await rejection(discoverFiles(join(dir, "empty-ish")));
    expect(e.code).toBe("EMPTY_GLOB");
    expect(e.message).toContain(join(dir, "empty-ish"));
    expect(e.message).toContain('starting with "." or "_" are skipped');
  });

  it("a missing plain path is NOT_FOUND", async () => {
    const e = await rejection(discoverFiles([join(dir, "a.csv"), join(dir, "missing.csv")]));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain(join(dir, "missing.csv"));
  });

  it("an empty list is INVALID_ARGUMENT", async () => {
    expect((await rejection(discoverFiles([]))).code).toBe("INVALID_ARGUMENT");
  });
});
