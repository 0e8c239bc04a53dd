/**
 * The AWS SDK is loaded on the first S3 request, not when the io package is imported: every worker
 * thread imports the package, and loading the SDK took ~170 ms of each one's start. Checked in a
 * child process (a fresh module cache) against the built package.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

const script = `
import { createRequire } from "node:module";
const require = createRequire(${JSON.stringify(dist)});
const sdkLoaded = () => Object.keys(require.cache).some((k) => k.includes("client-s3"));
const io = await import(${JSON.stringify(dist)});
const atImport = sdkLoaded();
const s3 = io.fileSystemFor("s3://bucket/key", { endpoint: "http://127.0.0.1:1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, maxAttempts: 1 });
const code = await s3.info("s3://bucket/key").then(() => "none", (e) => e.code);
console.log(JSON.stringify({ atImport, afterRequest: sdkLoaded(), code }));
`;

describe("the S3 SDK", () => {
  it("is not loaded by importing the package, and is on the first request", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ atImport: false, afterRequest: true, code: "IO_ERROR" });
  });
});
