/** df.visualize() and df.explain({ format }): DOT text of plans and task graphs, SVG from Graphviz (WASM), files. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-visualize-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const frame = (npartitions: number): dd.DataFrame =>
  dd.fromColumns({ id: Array.from({ length: Math.max(npartitions, 6) }, (_, i) => `k${i % 3}`), v: Array.from({ length: Math.max(npartitions, 6) }, (_, i) => i) }, { npartitions });

const nodesOf = (dot: string): string[] => [...dot.matchAll(/^\s+(\w+) \[label="((?:[^"\\]|\\.)*)"/gm)].map((m) => m[2]);
/** The text of an SVG with Graphviz's character references decoded (`&#45;` is "-"). */
const textOf = (svg: string): string => svg.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
const edgesOf = (dot: string): string[] => [...dot.matchAll(/^\s+(\w+) -> (\w+);/gm)].map((m) => `${m[1]}->${m[2]}`);

describe("plan DOT", () => {
  it("has one node per logical node, labelled as explain writes it, with edges from inputs", async () => {
    const df = frame(2).filter(dd.col("v").gt(1)).groupBy("id").agg({ v: "sum" });
    const dot = await df.visualize({ graph: "plan", format: "dot", filename: join(dir, "plan.dot") });
    expect(dot.startsWith('digraph "plan" {')).toBe(true);
    const labels = nodesOf(dot);
    expect(labels).toHaveLength(2); // the optimized plan: the filter went into the scan
    expect(labels[0]).toMatch(/^Aggregate/);
    expect(labels[1]).toBe("Scan memory[2 partitions, 6 rows] filter=v > 1");
    expect(edgesOf(dot)).toEqual(["n1->n0"]);
    expect(readFileSync(join(dir, "plan.dot"), "utf8")).toBe(dot);
  });

  it("draws a merge's two inputs", async () => {
    const left = frame(2);
    const right = dd.fromColumns({ id: ["k0", "k1"], w: [1, 2] });
    const dot = await left.merge(right, { on: "id" }).visualize({ graph: "plan", format: "dot", filename: join(dir, "merge.dot") });
    expect(nodesOf(dot)[0]).toMatch(/^Merge/);
    expect(edgesOf(dot).filter((e) => e.endsWith("->n0"))).toHaveLength(2);
  });
});

describe("task graph DOT", () => {
  it("draws each task of a small graph, and the layers of a big one", async () => {
    const small = await frame(3).groupBy("id").agg({ v: "sum" }).visualize({ format: "dot", filename: join(dir, "small.dot") });
    const labels = nodesOf(small);
    expect(labels.filter((l) => l.startsWith("aggregate-partial:"))).toHaveLength(3);
    expect(edgesOf(small).length).toBeGreaterThanOrEqual(3);

    const big = frame(2000).filter(dd.col("v").gt(1)).groupBy("id").agg({ v: "sum" });
    const dot = await big.visualize({ format: "dot", filename: join(dir, "big.dot") });
    const layers = nodesOf(dot);
    expect(layers.length).toBeLessThan(20);
    expect(layers.some((l) => /^aggregate-partial ×2,000/.test(l))).toBe(true);
    expect(edgesOf(dot).length).toBeLessThan(40);
  });
});

describe("SVG", () => {
  it("renders the layers of a 2,000-partition graph to SVG with their labels, written where asked", async () => {
    const file = join(dir, "out.svg");
    const svg = await frame(2000).groupBy("id").agg({ v: "sum" }).visualize({ filename: file });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(textOf(svg)).toContain("aggregate-partial ×2,000");
    expect(readFileSync(file, "utf8")).toBe(svg);
  });

  it("writes graph.svg by default outside a notebook", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await frame(2).visualize();
      expect(readFileSync(join(dir, "graph.svg"), "utf8").startsWith("<svg")).toBe(true);
      await frame(2).visualize({ format: "dot" });
      expect(readFileSync(join(dir, "graph.dot"), "utf8").startsWith("digraph")).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it("rejects unknown formats and graphs with a DuskError", async () => {
    await expect(frame(2).visualize({ format: "png" as "svg", filename: join(dir, "x.png") })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(frame(2).visualize({ graph: "nodes" as "plan", filename: join(dir, "x.svg") })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(existsSync(join(dir, "x.png"))).toBe(false);
  });
});

describe("explain formats", () => {
  const df = frame(2).filter(dd.col("v").gt(1)).groupBy("id").agg({ v: "sum" });

  it("keeps the text without an argument and with format text", () => {
    const text = df.explain();
    expect(text).toMatch(/^== Logical plan ==\n/);
    expect(text).toContain("== Physical plan ==");
    expect(df.explain({ format: "text" })).toBe(text);
  });

  it("draws the three plans as boxes, in DOT and SVG", async () => {
    const dot = df.explain({ format: "dot" });
    for (const c of ["cluster_logical", "cluster_optimized", "cluster_physical"]) expect(dot).toContain(c);
    expect(dot).toMatch(/label="Filter v > 1"/);
    expect(dot).toMatch(/label="Scan memory\[2 partitions, 6 rows\] filter=v > 1"/);
    const svg = await df.explain({ format: "svg" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(textOf(svg)).toContain("Optimized plan");
    expect(textOf(svg)).toContain("aggregate-partial");
  });
});
