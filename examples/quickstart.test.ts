/** The README's quickstart runs as written (examples/quickstart.mjs is a copy of it). */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the README quickstart", () => {
  it("is the code in examples/quickstart.mjs", () => {
    const readme = readFileSync(`${root}README.md`, "utf8");
    const code = /## Quickstart\n\n```ts\n([\s\S]*?)```/.exec(readme)![1];
    expect(readFileSync(`${root}examples/quickstart.mjs`, "utf8")).toContain(code);
  });
  it("runs and prints what it says", () => {
    const out = execFileSync(process.execPath, ["examples/quickstart.mjs"], { cwd: root, encoding: "utf8" });
    expect(out).toContain("[ 'id1', 'v1', 'v3_mean', 'v3_max', 'n', 'range' ]");
    expect(out).toContain("== Optimized plan ==");
    expect(out).toContain('{"id1": "c", "v1": 4, "v3_mean": 2.5, "v3_max": 2.5, "n": 1, "range": 0}');
  });
});
