/**
 * The API reference (`pnpm docs:api`: typedoc over packages/dataframe/src/index.ts, configured by
 * typedoc.json, written to the git-ignored docs/api/) builds without a warning, and has pages for
 * what a user imports.
 *
 * typedoc's own export check (validation.notExported) only covers types of the package it documents
 * (@dusk/dataframe): types of the other @dusk packages that public signatures mention without
 * @dusk/dataframe exporting them (StorageOptions, MergeHow, ParquetFilter, ...) show as plain names
 * without a page. Export them from packages/dataframe/src/index.ts to give them one.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "dusk-api-docs-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the API reference (typedoc)", () => {
  it("builds from typedoc.json without warnings and has the user's pages", () => {
    const html = join(outDir, "html");
    const r = spawnSync(process.execPath, [
      join(root, "node_modules", "typedoc", "bin", "typedoc"),
      "--options", join(root, "typedoc.json"),
      "--out", html,
      "--treatWarningsAsErrors",
    ], { cwd: root, encoding: "utf8", timeout: 55_000 });
    const log = `${r.stdout}\n${r.stderr}`;
    expect(r.error).toBeUndefined();
    expect(log).not.toMatch(/\[(warning|error)\]/);
    expect(r.status, log).toBe(0);

    for (const page of ["index.html", "classes/DataFrame.html", "classes/GroupBy.html", "classes/Client.html",
      "functions/readCsv.html", "functions/readParquet.html", "functions/delayed.html", "interfaces/ReadCsvOptions.html"]) {
      expect(existsSync(join(html, page)), page).toBe(true);
    }
    const dataFrame = readFileSync(join(html, "classes", "DataFrame.html"), "utf8");
    for (const method of ["groupBy", "merge", "toParquet", "compute", "explain"]) expect(dataFrame).toContain(method);
    // TSDoc examples are rendered
    expect(readFileSync(join(html, "functions", "readCsv.html"), "utf8")).toContain("storageOptions");
  }, 60_000);
});
