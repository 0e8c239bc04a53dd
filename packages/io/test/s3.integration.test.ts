// Against a real S3-compatible server (s3rver in a child process, started here on 127.0.0.1).
// Credentials are always passed explicitly, so the SDK never looks for instance metadata or AWS.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { S3ServiceException } from "@aws-sdk/client-s3";
import { isDuskError, type DuskError } from "@dusk/core";
import { startS3Server, type S3Server } from "@dusk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverFiles, discoverFilesSync, fileSystemFor, readRangeSync, S3FileSystem, type StorageOptions } from "../src/index.js";
import { backoffDelay, isRetryableError, RetriesExhausted, withRetry } from "../src/fs/retry.js";
import { s3Error } from "../src/fs/s3-errors.js";

const BUCKET = "dusk-test";
const MiB = 1024 * 1024;
const enc = new TextEncoder();
const dec = new TextDecoder();

let server: S3Server;
let s3: S3FileSystem;
let options: StorageOptions;
const url = (key: string): string => `s3://${BUCKET}/${key}`;

beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket(BUCKET);
  options = server.storageOptions;
  s3 = new S3FileSystem(options, { partSize: 5 * MiB });
});
afterAll(async () => {
  await server?.stop();
});

async function rejection(p: Promise<unknown>): Promise<DuskError> {
  try {
    await p;
  } catch (e) {
    if (isDuskError(e)) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

function pattern(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

async function inParallel<T>(items: readonly T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await f(items[next++]);
    }),
  );
}

/** A real HTTP proxy in front of the test server that fails the first `failures` requests in the given way. */
interface Proxy {
  readonly endpoint: string;
  /** How many requests arrived. */
  requests(): number;
  /** "METHOD path content-length content-encoding" of each request. */
  readonly log: string[];
  close(): Promise<void>;
}

async function flakyProxy(failures: number, how: "slowdown" | "reset" | "500"): Promise<Proxy> {
  let count = 0;
  const log: string[] = [];
  const proxy: Server = createServer((req, res) => {
    count += 1;
    log.push(`${req.method} ${req.url} ${req.headers["content-length"] ?? "-"} ${req.headers["content-encoding"] ?? "-"}`);
    if (count <= failures) {
      if (how === "reset") {
        req.socket.destroy();
        return;
      }
      const [status, code] = how === "slowdown" ? [503, "SlowDown"] : [500, "InternalError"];
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Please reduce your request rate.</Message></Error>`);
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: server.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const port = (proxy.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => count,
    log,
    close: () =>
      new Promise<void>((r) => {
        proxy.closeAllConnections();
        proxy.close(() => r());
      }),
  };
}

describe("test S3 server", () => {
  it("listens on 127.0.0.1 with the S3RVER credentials and a temp directory", () => {
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.storageOptions).toMatchObject({
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });
});

describe("S3FileSystem reads and small writes", () => {
  const data = enc.encode("0123456789abcdefghij"); // 20 bytes

  beforeAll(async () => {
    await s3.write(url("small/x.txt"), data);
  });

  it("info gives the size and the ETag as version", async () => {
    const info = await s3.info(url("small/x.txt"));
    expect(info).toMatchObject({ path: url("small/x.txt"), size: 20 });
    expect(info.version).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("reads whole objects and explicit ranges, including ranges at the end", async () => {
    const p = url("small/x.txt");
    expect(dec.decode(await s3.read(p))).toBe("0123456789abcdefghij");
    expect(dec.decode(await s3.read(p, 0, 1))).toBe("0"); // s3rver answers bytes=0-0 with everything
    expect(dec.decode(await s3.read(p, 3, 7))).toBe("3456");
    expect(dec.decode(await s3.read(p, 15))).toBe("fghij"); // to the end: size looked up, no suffix range
    expect(dec.decode(await s3.read(p, 15, 20))).toBe("fghij"); // the last bytes, explicitly
    expect(dec.decode(await s3.read(p, 19, 20))).toBe("j");
    expect(dec.decode(await s3.read(p, 17, 1000))).toBe("hij"); // end past the size
    expect((await s3.read(p, 20, 30)).byteLength).toBe(0); // start at the end
    expect((await s3.read(p, 25)).byteLength).toBe(0);
    expect((await s3.read(p, 5, 5)).byteLength).toBe(0);
  });

  it("a put replaces the object and changes its version", async () => {
    const p = url("small/replace.txt");
    await s3.write(p, enc.encode("one"));
    const v1 = (await s3.info(p)).version;
    await s3.write(p, enc.encode("three"));
    expect(dec.decode(await s3.read(p))).toBe("three");
    expect((await s3.info(p)).version).not.toBe(v1);
  });

  it("writes empty objects", async () => {
    await s3.write(url("small/empty"), new Uint8Array(0));
    expect((await s3.info(url("small/empty"))).size).toBe(0);
    expect((await s3.read(url("small/empty"))).byteLength).toBe(0);
  });

  it("openWrite below one part ends as a single put", async () => {
    const sink = await s3.openWrite(url("small/chunks.txt"));
    await sink.write(enc.encode("a,b\n"));
    await sink.write(enc.encode("1,2\n"));
    await expect(s3.info(url("small/chunks.txt"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await sink.close();
    expect(dec.decode(await s3.read(url("small/chunks.txt")))).toBe("a,b\n1,2\n");
  });

  it("remove deletes; removing a missing key is fine", async () => {
    const p = url("small/delete-me");
    await s3.write(p, enc.encode("x"));
    await s3.remove(p);
    await expect(s3.info(p)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s3.remove(p);
  });
});

describe("S3FileSystem multipart uploads", () => {
  it("openWrite uploads a file larger than 5 MiB in parts that read back identically", async () => {
    const data = pattern(11 * MiB + 123);
    const proxy = await flakyProxy(0, "slowdown"); // records the requests
    try {
      const viaProxy = new S3FileSystem({ ...options, endpoint: proxy.endpoint }, { partSize: 5 * MiB });
      const sink = await viaProxy.openWrite(url("big/streamed.bin"));
      for (let off = 0; off < data.byteLength; off += 700_000) await sink.write(data.subarray(off, off + 700_000));
      await sink.close();
    } finally {
      await proxy.close();
    }
    const parts = proxy.log.filter((l) => l.startsWith("PUT") && l.includes("partNumber="));
    // three parts, each with a plain known Content-Length (no aws-chunked encoding): 5 MiB, 5 MiB, the rest
    expect(parts.map((l) => l.split(" ").slice(2))).toEqual([
      [String(5 * MiB), "-"],
      [String(5 * MiB), "-"],
      [String(MiB + 123), "-"],
    ]);
    expect(proxy.log.filter((l) => l.startsWith("POST")).map((l) => /\?(uploads|uploadId)/.exec(l)?.[1])).toEqual(["uploads", "uploadId"]);
    expect((await s3.info(url("big/streamed.bin"))).size).toBe(data.byteLength);
    expect(same(await s3.read(url("big/streamed.bin")), data)).toBe(true);
    // ranges across the part boundary at 5 MiB and at the very end
    expect(same(await s3.read(url("big/streamed.bin"), 5 * MiB - 10, 5 * MiB + 10), data.subarray(5 * MiB - 10, 5 * MiB + 10))).toBe(true);
    expect(same(await s3.read(url("big/streamed.bin"), data.byteLength - 100), data.subarray(data.byteLength - 100))).toBe(true);
  });

  it("write of a large buffer goes multipart", async () => {
    const data = pattern(6 * MiB, 3);
    await s3.write(url("big/whole.bin"), data);
    expect(same(await s3.read(url("big/whole.bin")), data)).toBe(true);
  });

  it("abort after parts were uploaded leaves no object", async () => {
    const proxy = await flakyProxy(0, "slowdown"); // records the requests
    let sink;
    try {
      sink = await new S3FileSystem({ ...options, endpoint: proxy.endpoint }, { partSize: 5 * MiB }).openWrite(url("big/aborted.bin"));
      await sink.write(pattern(6 * MiB)); // one part is uploaded
      await sink.abort();
    } finally {
      await proxy.close();
    }
    expect(proxy.log.filter((l) => l.includes("partNumber="))).toHaveLength(1);
    expect(proxy.log.filter((l) => l.startsWith("DELETE") && l.includes("uploadId="))).toHaveLength(1); // the abort was sent (s3rver refuses it)
    await expect(s3.info(url("big/aborted.bin"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sink.write(enc.encode("late"))).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("a failed multipart upload leaves no object and reports the URL", async () => {
    const missing = "s3://no-such-bucket-dusk/big.bin";
    const sink = await s3.openWrite(missing);
    const e = await rejection(sink.write(pattern(6 * MiB)));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain('bucket "no-such-bucket-dusk" does not exist');
    await expect(sink.close()).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("rejects part sizes below S3's minimum", () => {
    expect(() => new S3FileSystem(options, { partSize: MiB })).toThrow(/below S3's minimum/);
  });
});

describe("S3FileSystem listing", () => {
  it("pages through more than 1000 keys, sorted", async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `many/k${String(i).padStart(4, "0")}.txt`);
    await inParallel(keys, 32, (k) => s3.write(url(k), enc.encode("x")));
    const listed = await s3.list(url("many"));
    expect(listed).toHaveLength(1005);
    expect(listed.map((f) => f.path)).toEqual(keys.map(url));
    expect(listed.every((f) => f.size === 1 && typeof f.version === "string")).toBe(true);
    expect(await s3.list(url("many/"))).toHaveLength(1005);
  });

  it("lists nothing under a missing prefix, and treats the prefix as a directory", async () => {
    expect(await s3.list(url("nothing-here"))).toEqual([]);
    await s3.write(url("pfx/a"), enc.encode("1"));
    await s3.write(url("pfx-other/b"), enc.encode("2"));
    expect((await s3.list(url("pfx"))).map((f) => f.path)).toEqual([url("pfx/a")]);
  });
});

describe("S3FileSystem errors", () => {
  it("a missing key is NOT_FOUND naming the URL", async () => {
    for (const op of [() => s3.read(url("nope.csv")), () => s3.info(url("nope.csv")), () => s3.read(url("nope.csv"), 5)]) {
      const e = await rejection(op());
      expect(e.code).toBe("NOT_FOUND");
      expect(e.message).toContain(`no such object: ${url("nope.csv")}`);
    }
  });

  it("a missing bucket is NOT_FOUND naming the bucket", async () => {
    for (const op of [() => s3.read("s3://missing-bkt/x.csv"), () => s3.info("s3://missing-bkt/x.csv"), () => s3.list("s3://missing-bkt/data")]) {
      const e = await rejection(op());
      expect(e.code).toBe("NOT_FOUND");
      expect(e.message).toContain('bucket "missing-bkt" does not exist (s3://missing-bkt/');
    }
  });

  it("wrong credentials are ACCESS_DENIED naming the URL and pointing at the credentials", async () => {
    const wrong = new S3FileSystem({ ...options, credentials: { accessKeyId: "WRONG", secretAccessKey: "WRONG" } });
    for (const op of [() => wrong.read(url("small/x.txt")), () => wrong.list(url("small")), () => wrong.write(url("w"), enc.encode("x"))]) {
      const e = await rejection(op());
      expect(e.code).toBe("ACCESS_DENIED");
      expect(e.message).toContain("s3://dusk-test/");
      expect(e.message).toContain("InvalidAccessKeyId");
      expect(e.message).toContain("storageOptions.credentials");
    }
  });

  it("maps the SDK's AccessDenied, SignatureDoesNotMatch and missing-credential errors to ACCESS_DENIED", () => {
    for (const name of ["AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId"]) {
      const sdkError = new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: 403 }, message: `${name} message` });
      const e = s3Error(sdkError, "s3://b/k.csv", "read");
      expect(e.code).toBe("ACCESS_DENIED");
      expect(e.message).toContain("access denied to s3://b/k.csv");
      expect(e.message).toContain(name);
    }
    const noCreds = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    expect(s3Error(noCreds, "s3://b/k.csv", "read").message).toContain("no AWS credentials were found");
    const slow = new S3ServiceException({ name: "SlowDown", $fault: "server", $metadata: { httpStatusCode: 503 }, message: "Reduce your request rate." });
    const io = s3Error(new RetriesExhausted(slow, 5), "s3://b/k.csv", "read");
    expect(io.code).toBe("IO_ERROR");
    expect(io.message).toBe("S3 read of s3://b/k.csv failed after 5 attempts (SlowDown, HTTP 503): Reduce your request rate.");
  });
});

describe("discoverFiles on s3://", () => {
  beforeAll(async () => {
    const files = ["disc/a.csv", "disc/b.csv", "disc/c.txt", "disc/_SUCCESS", "disc/.tmp.csv", "disc/2024/01/x.csv", "disc/2024/02/y.csv", "disc/_tmp/z.csv"];
    await Promise.all(files.map((k) => s3.write(url(k), enc.encode(k))));
  });
  const paths = async (loc: string | string[]): Promise<string[]> => (await discoverFiles(loc, { storageOptions: options })).map((f) => f.path);

  it("a file, a prefix with and without a slash, skipping hidden names", async () => {
    expect(await paths(url("disc/a.csv"))).toEqual([url("disc/a.csv")]);
    const all = [url("disc/2024/01/x.csv"), url("disc/2024/02/y.csv"), url("disc/a.csv"), url("disc/b.csv"), url("disc/c.txt")];
    expect(await paths(url("disc/"))).toEqual(all);
    expect(await paths(url("disc"))).toEqual(all);
    const csv = await discoverFiles(url("disc"), { storageOptions: options, extensions: [".csv"] });
    expect(csv.map((f) => f.path)).toEqual(all.filter((p) => p.endsWith(".csv")));
  });

  it("globs", async () => {
    expect(await paths(url("disc/*.csv"))).toEqual([url("disc/a.csv"), url("disc/b.csv")]);
    expect(await paths(url("disc/**/*.csv"))).toEqual([url("disc/2024/01/x.csv"), url("disc/2024/02/y.csv"), url("disc/a.csv"), url("disc/b.csv")]);
    expect(await paths(url("disc/2024/0?/*"))).toEqual([url("disc/2024/01/x.csv"), url("disc/2024/02/y.csv")]);
    expect(await paths(url("disc/[bc].*"))).toEqual([url("disc/b.csv"), url("disc/c.txt")]);
    expect(await paths(url("disc/{a.csv,c.txt}"))).toEqual([url("disc/a.csv"), url("disc/c.txt")]);
    expect(await paths([url("disc/a.csv"), url("disc/*.csv")])).toEqual([url("disc/a.csv"), url("disc/b.csv")]);
    expect(await paths(url("disc/_*/*.csv"))).toEqual([url("disc/_tmp/z.csv")]);
  });

  it("errors: EMPTY_GLOB, a missing key, a missing bucket", async () => {
    const empty = await rejection(discoverFiles(url("disc/*.parquet"), { storageOptions: options }));
    expect(empty.code).toBe("EMPTY_GLOB");
    expect(empty.message).toContain(`no files match ${url("disc/*.parquet")} (searched ${url("disc")}`);
    const missing = await rejection(discoverFiles(url("disc/nope.csv"), { storageOptions: options }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toContain(url("disc/nope.csv"));
    const bucket = await rejection(discoverFiles("s3://missing-bkt/data/*.csv", { storageOptions: options }));
    expect(bucket.code).toBe("NOT_FOUND");
    expect(bucket.message).toContain('bucket "missing-bkt" does not exist');
  });

  it("discoverFilesSync and readRangeSync work on S3 through runSync", () => {
    const files = discoverFilesSync(url("disc/**/*.csv"), { storageOptions: options });
    expect(files.map((f) => f.path)).toEqual([url("disc/2024/01/x.csv"), url("disc/2024/02/y.csv"), url("disc/a.csv"), url("disc/b.csv")]);
    expect(files[2].size).toBe("disc/a.csv".length);
    expect(dec.decode(readRangeSync(url("disc/a.csv"), 5, 10, options))).toBe("a.csv");
    expect(dec.decode(readRangeSync(url("disc/a.csv"), 7, undefined, options))).toBe("csv");
    let err: unknown;
    try {
      discoverFilesSync("s3://missing-bkt/*.csv", { storageOptions: options });
    } catch (e) {
      err = e;
    }
    expect(isDuskError(err, "NOT_FOUND")).toBe(true);
    expect((err as Error).message).toContain('bucket "missing-bkt" does not exist');
  });

  it("fileSystemFor reuses one S3 file system per storage options", () => {
    expect(fileSystemFor(url("a"), { ...options })).toBe(fileSystemFor(url("b"), options));
  });
});

describe("retries", () => {
  beforeAll(async () => {
    await s3.write(url("retry/x.txt"), enc.encode("retried"));
  });

  for (const how of ["slowdown", "reset", "500"] as const) {
    it(`retries through ${how} answers with growing backoff`, async () => {
      const proxy = await flakyProxy(3, how);
      const delays: number[] = [];
      try {
        const fs = new S3FileSystem(
          { ...options, endpoint: proxy.endpoint, maxAttempts: 5 },
          { retry: { baseDelayMs: 10, random: () => 0.5, sleep: async (ms) => void delays.push(ms) } },
        );
        expect(dec.decode(await fs.read(url("retry/x.txt")))).toBe("retried");
        expect(proxy.requests()).toBe(4);
        expect(delays).toEqual([5, 10, 20]);
      } finally {
        await proxy.close();
      }
    });
  }

  it("gives up after maxAttempts with an IO_ERROR naming the URL and the attempts", async () => {
    const proxy = await flakyProxy(100, "slowdown");
    try {
      const fs = new S3FileSystem({ ...options, endpoint: proxy.endpoint, maxAttempts: 3 }, { retry: { sleep: async () => undefined } });
      const e = await rejection(fs.read(url("retry/x.txt")));
      expect(e.code).toBe("IO_ERROR");
      expect(e.message).toContain(`S3 read of ${url("retry/x.txt")} failed after 3 attempts (SlowDown, HTTP 503)`);
      expect(proxy.requests()).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry a missing key", async () => {
    const proxy = await flakyProxy(0, "slowdown");
    try {
      const fs = new S3FileSystem({ ...options, endpoint: proxy.endpoint }, { retry: { sleep: async () => undefined } });
      await expect(fs.read(url("retry/nope"))).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(proxy.requests()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("withRetry: exponential backoff with jitter, capped; non-retryable errors thrown at once", async () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);

    const throttled = new S3ServiceException({ name: "SlowDown", $fault: "server", $metadata: { httpStatusCode: 503 }, message: "slow down" });
    const sleeps: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw throttled;
        return "ok";
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
    expect(value).toBe("ok");
    expect(sleeps).toEqual([50, 100]);

    const denied = new S3ServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "no" });
    let deniedCalls = 0;
    await expect(
      withRetry(async () => {
        deniedCalls += 1;
        throw denied;
      }),
    ).rejects.toBe(denied);
    expect(deniedCalls).toBe(1);
  });

  it("isRetryableError: throttling, 5xx and network errors only", () => {
    const sdk = (name: string, status: number): S3ServiceException =>
      new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message: name });
    expect(isRetryableError(sdk("SlowDown", 503))).toBe(true);
    expect(isRetryableError(sdk("TooManyRequestsException", 429))).toBe(true);
    expect(isRetryableError(sdk("Unknown", 429))).toBe(true);
    expect(isRetryableError(sdk("InternalError", 500))).toBe(true);
    expect(isRetryableError(sdk("Unknown", 502))).toBe(true);
    expect(isRetryableError(sdk("NoSuchKey", 404))).toBe(false);
    expect(isRetryableError(sdk("AccessDenied", 403))).toBe(false);
    expect(isRetryableError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("boom"), { code: "ENOENT" }))).toBe(false);
    expect(isRetryableError(new TypeError("x is undefined"))).toBe(false);
  });
});
