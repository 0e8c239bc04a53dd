/**
 * DOT to SVG in this process, with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`).
 * The WASM module is loaded on first use (about 150 ms) and kept; importing Dusk never loads it.
 * The SVG comes without its XML prolog, so it can sit inside HTML as it is.
 *
 * @example
 * ```ts
 * const svg = await dotToSvg("digraph { a -> b }"); // "<svg width=...>...</svg>"
 * ```
 */
import { DuskError } from "@dusk/core";

interface GraphvizLike { dot(source: string, format?: "svg"): string }

let loading: Promise<GraphvizLike> | null = null;

function graphviz(): Promise<GraphvizLike> {
  loading ??= import("@hpcc-js/wasm-graphviz").then((m) => m.Graphviz.load()).catch((e: unknown) => {
    loading = null;
    throw new DuskError("INTERNAL", `could not load Graphviz (@hpcc-js/wasm-graphviz): ${(e as Error).message}; reinstall @dusk/dataframe's dependencies`, {}, { cause: e });
  });
  return loading;
}

/** The SVG picture of a DOT graph, starting at `<svg`. */
export async function dotToSvg(dot: string): Promise<string> {
  const gv = await graphviz();
  let svg: string;
  try {
    svg = gv.dot(dot, "svg");
  } catch (e) {
    throw new DuskError("INTERNAL", `Graphviz could not lay out the graph: ${(e as Error).message}`, { dot: dot.slice(0, 200) }, { cause: e });
  }
  const start = svg.indexOf("<svg");
  return start >= 0 ? svg.slice(start) : svg;
}
