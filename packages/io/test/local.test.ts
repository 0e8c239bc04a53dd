process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"; // the registry test builds an S3 client

import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isDuskError } from "@dusk/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalFileSystem, fileSystemFor, joinPath, splitUrl } from "../src/index.js";
import { localError } from "../src/fs/local-errors.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const fs = new LocalFileSystem();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dusk-local-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isDuskError(e)) return { code: e.code, message: e.message, details: { ...e.details } };
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("LocalFileSystem.read", () => {
  it("reads whole files and byte ranges", async () => {
    const p = join(dir, "x.txt");
    await writeFile(p, "0123456789");
    expect(dec.decode(await fs.read(p))).toBe("0123456789");
    expect(dec.decode(await fs.read(p, 2, 5))).toBe("234");
    expect(dec.decode(await fs.read(p, 7))).toBe("789");
    expect(dec.decode(await fs.read(p, 8, 100))).toBe("89"); // end past the size stops at the end
    expect(dec.decode(await fs.read(p, 9, 10))).toBe("9"); // the last byte
    expect((await fs.read(p, 10, 20)).byteLength).toBe(0);
    expect((await fs.read(p, 4, 4)).byteLength).toBe(0);
  });

  it("reads a large file across many read calls", async () => {
    const p = join(dir, "big.bin");
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) % 251);
    await writeFile(p, data);
    const got = await fs.read(p, 1000, data.byteLength - 5);
    expect(Buffer.from(got).equals(Buffer.from(data.subarray(1000, data.byteLength - 5)))).toBe(true);
  });

  it("accepts relative paths and file:// URLs", async () => {
    const p = join(dir, "rel.txt");
    await writeFile(p, "abc");
    expect(dec.decode(await fs.read(relative(process.cwd(), p)))).toBe("abc");
    expect(dec.decode(await fs.read(pathToFileURL(p).href, 1))).toBe("bc");
    expect((await fs.info(pathToFileURL(p).href)).path).toBe(p);
  });

  it("rejects invalid ranges with INVALID_ARGUMENT naming the path", async () => {
    const p = join(dir, "x.txt");
    await writeFile(p, "abc");
    const e = await rejection(fs.read(p, 5, 2));
    expect(e.code).toBe("INVALID_ARGUMENT");
    expect(e.message).toContain(p);
    expect((await rejection(fs.read(p, -1))).code).toBe("INVALID_ARGUMENT");
  });
});

describe("LocalFileSystem.openReader", () => {
  it("reads ranges into the caller's buffers through one open file, short only at the end", async () => {
    const p = join(dir, "x.txt");
    await writeFile(p, "0123456789");
    const r = await fs.openReader(p);
    try {
      const buf = new Uint8Array(4);
      expect(await r.readInto(buf, 0)).toBe(4);
      expect(dec.decode(buf)).toBe("0123");
      expect(await r.readInto(buf, 3)).toBe(4); // the same buffer again
      expect(dec.decode(buf)).toBe("3456");
      expect(await r.readInto(buf, 8)).toBe(2);
      expect(dec.decode(buf.subarray(0, 2))).toBe("89");
      expect(await r.readInto(buf, 10)).toBe(0);
      expect((await rejection(r.readInto(buf, -1))).code).toBe("INVALID_ARGUMENT");
    } finally {
      await r.close();
    }
  });

  it("a missing file is NOT_FOUND naming its absolute path", async () => {
    const e = await rejection(fs.openReader(join(dir, "missing.csv")));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain(join(dir, "missing.csv"));
  });
});

describe("LocalFileSystem errors", () => {
  it("NOT_FOUND names the absolute path and whether the directory exists", async () => {
    const missing = join(dir, "nope.csv");
    const e = await rejection(fs.read(missing));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain(`no such file: ${missing}`);
    expect(e.message).toContain(`the directory ${dir} exists`);
    expect(e.details.path).toBe(missing);

    const deeper = join(dir, "no-dir", "x.csv");
    const e2 = await rejection(fs.info(deeper));
    expect(e2.code).toBe("NOT_FOUND");
    expect(e2.message).toContain(`the directory ${join(dir, "no-dir")} does not exist either`);

    const e3 = await rejection(fs.list(join(dir, "no-dir")));
    expect(e3.code).toBe("NOT_FOUND");
    expect(e3.message).toContain(join(dir, "no-dir"));
  });

  it("relative paths are reported as absolute paths", async () => {
    const e = await rejection(fs.read("surely-missing-dusk-file.csv"));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain(join(process.cwd(), "surely-missing-dusk-file.csv"));
  });

  it("reading a directory is an IO_ERROR naming it", async () => {
    const e = await rejection(fs.read(dir));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain(dir);
    const e2 = await rejection(fs.info(dir));
    expect(e2.code).toBe("IO_ERROR");
    expect(e2.message).toContain("is a directory");
  });

  it.skipIf(process.getuid?.() === 0)("a file without read permission is ACCESS_DENIED", async () => {
    const p = join(dir, "secret.txt");
    await writeFile(p, "x");
    await chmod(p, 0o000);
    const e = await rejection(fs.read(p));
    expect(e.code).toBe("ACCESS_DENIED");
    expect(e.message).toContain(p);
  });

  it("maps EACCES and EPERM from Node to ACCESS_DENIED (covers runs as root, where permissions are not enforced)", async () => {
    const p = join(dir, "secret.txt");
    for (const code of ["EACCES", "EPERM"]) {
      const nodeError = Object.assign(new Error(`${code}: permission denied, open '${p}'`), { code, errno: -13, syscall: "open", path: p });
      const e = await localError(nodeError, p, "read");
      expect(e.code).toBe("ACCESS_DENIED");
      expect(e.message).toContain(`permission denied to read ${p}`);
    }
  });

  it("unsupported schemes are INVALID_ARGUMENT", () => {
    expect(() => fileSystemFor("gs://bucket/x.csv")).toThrow(/scheme "gs" is not supported/);
  });
});

describe("LocalFileSystem.list and info", () => {
  it("lists every file below a directory recursively, sorted by path", async () => {
    await mkdir(join(dir, "b", "c"), { recursive: true });
    await writeFile(join(dir, "z.csv"), "1");
    await writeFile(join(dir, "a.csv"), "22");
    await writeFile(join(dir, "b", "c", "d.csv"), "333");
    await writeFile(join(dir, "b", "_SUCCESS"), "");
    const files = await fs.list(dir);
    expect(files.map((f) => relative(dir, f.path))).toEqual(["a.csv", join("b", "_SUCCESS"), join("b", "c", "d.csv"), "z.csv"]);
    expect(files.map((f) => f.size)).toEqual([2, 0, 3, 1]);
    expect(files.every((f) => typeof f.version === "string")).toBe(true);
  });

  it("follows symbolic links, visiting each directory once", async () => {
    await mkdir(join(dir, "real"));
    await writeFile(join(dir, "real", "x.csv"), "1");
    await symlink(join(dir, "real"), join(dir, "link"));
    await symlink(dir, join(dir, "real", "loop")); // a cycle
    const files = await fs.list(dir);
    expect(files.map((f) => relative(dir, f.path)).sort()).toEqual([join("link", "x.csv")]);
  });

  it("info gives size and a version that changes with the content", async () => {
    const p = join(dir, "v.txt");
    await writeFile(p, "one");
    const a = await fs.info(p);
    expect(a).toMatchObject({ path: p, size: 3 });
    await new Promise((r) => setTimeout(r, 5));
    await fs.write(p, enc.encode("three"));
    const b = await fs.info(p);
    expect(b.size).toBe(5);
    expect(b.version).not.toBe(a.version);
  });
});

describe("LocalFileSystem writes", () => {
  it("write creates parent directories and replaces files atomically, leaving no temp file", async () => {
    const p = join(dir, "out", "deep", "x.csv");
    await fs.write(p, enc.encode("a,b\n1,2\n"));
    await fs.write(p, enc.encode("a,b\n3,4\n"));
    expect(await readFile(p, "utf8")).toBe("a,b\n3,4\n");
    expect(await readdir(join(dir, "out", "deep"))).toEqual(["x.csv"]);
  });

  it("openWrite writes chunks and the file appears only on close", async () => {
    const p = join(dir, "chunked.bin");
    const sink = await fs.openWrite(p);
    await sink.write(enc.encode("hello "));
    await sink.write(enc.encode("world"));
    await expect(fs.info(p)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const temps = (await readdir(dir)).filter((n) => n.endsWith(".tmp"));
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(/^\.chunked\.bin\.[0-9a-f]+\.tmp$/);
    await sink.close();
    expect(await readFile(p, "utf8")).toBe("hello world");
    expect(await readdir(dir)).toEqual(["chunked.bin"]);
    await expect(sink.write(enc.encode("late"))).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("abort leaves neither the file nor a temp file, and keeps an existing file as it was", async () => {
    const p = join(dir, "keep.csv");
    await writeFile(p, "old");
    const sink = await fs.openWrite(p);
    await sink.write(enc.encode("new content"));
    await sink.abort();
    expect(await readFile(p, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["keep.csv"]);
  });

  it("a write that fails at the rename removes its temp file and names the path", async () => {
    const target = join(dir, "occupied");
    await mkdir(target);
    await writeFile(join(target, "inside.txt"), "x"); // a non-empty directory cannot be replaced by a file
    const e = await rejection(fs.write(target, enc.encode("data")));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain(target);
    expect((await readdir(dir)).sort()).toEqual(["occupied"]);
  });

  it("a write into a path below a file fails with the path and leaves nothing", async () => {
    await writeFile(join(dir, "file"), "x");
    const e = await rejection(fs.write(join(dir, "file", "x.csv"), enc.encode("data")));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain(join(dir, "file", "x.csv"));
    expect(await readdir(dir)).toEqual(["file"]);
  });

  it("remove deletes a file and ignores a missing one", async () => {
    const p = join(dir, "gone.txt");
    await writeFile(p, "x");
    await fs.remove(p);
    await expect(fs.info(p)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await fs.remove(p);
    await expect(fs.remove(dir)).rejects.toMatchObject({ code: "IO_ERROR" });
  });
});

describe("registry helpers", () => {
  it("picks the file system by scheme and caches S3 ones per options", () => {
    expect(fileSystemFor("/tmp/x").protocol).toBe("file");
    expect(fileSystemFor("file:///tmp/x").protocol).toBe("file");
    const opts = { endpoint: "http://127.0.0.1:1", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } };
    const a = fileSystemFor("s3://bucket/x", opts);
    expect(a.protocol).toBe("s3");
    expect(fileSystemFor("s3://other/y", { region: "us-east-1", credentials: { secretAccessKey: "b", accessKeyId: "a" }, endpoint: "http://127.0.0.1:1" })).toBe(a);
    expect(fileSystemFor("s3://bucket/x", { ...opts, region: "eu-west-1" })).not.toBe(a);
  });

  it("splitUrl and joinPath", () => {
    expect(splitUrl("s3://bucket/a/b.csv")).toEqual({ protocol: "s3", bucket: "bucket", key: "a/b.csv" });
    expect(splitUrl("s3://bucket")).toEqual({ protocol: "s3", bucket: "bucket", key: "" });
    expect(splitUrl("/tmp/x.csv")).toEqual({ protocol: "file", path: "/tmp/x.csv" });
    expect(splitUrl("file:///tmp/x.csv")).toEqual({ protocol: "file", path: "/tmp/x.csv" });
    expect(joinPath("s3://bucket/data", "x.csv")).toBe("s3://bucket/data/x.csv");
    expect(joinPath("s3://bucket/data/", "/part", "x.csv")).toBe("s3://bucket/data/part/x.csv");
    expect(joinPath("s3://bucket", "a", "../b")).toBe("s3://bucket/b");
    expect(joinPath("/tmp/data", "x.csv")).toBe("/tmp/data/x.csv");
    expect(joinPath("file:///tmp/data", "x.csv")).toBe("/tmp/data/x.csv");
    expect(() => splitUrl("s3:///key")).toThrow(/has no bucket/);
  });
});
