/** examples/engine.mjs (the code of docs/engine.md) runs and prints the documented answers. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the engine example", () => {
  it("runs delayed values, futures and module functions with the documented answers", () => {
    const out = execFileSync(process.execPath, ["examples/engine.mjs"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(out.split("\n").filter(Boolean)).toEqual([
      "delayed total: 2997000",
      "shared work: 499500 1498500",
      "future: 43",
      "gather: [ 1, 4, 9 ]",
      "asCompleted: [ 1, 4, 9 ]",
      "by module: [ 3, 2 ]",
      "closure: NOT_SHIPPABLE",
    ]);
  });
});
