/**
 * `df.visualize()`: a picture of the frame's task graph (by layer, or task by task when small) or
 * of its optimized logical plan, as SVG (rendered in-process) or DOT text. Inside a tslab notebook
 * the SVG shows in the cell (and a file is written only when `filename` is given); elsewhere it is
 * written to `filename` (default `graph.svg`, or `graph.dot` for DOT). The text is returned too.
 *
 * @example
 * ```ts
 * await df.visualize();                                         // graph.svg: the task graph's layers
 * await df.visualize({ graph: "plan", filename: "plan.dot" });  // DOT of the optimized plan
 * const svg = await df.visualize({ filename: "out/tasks.svg" });
 * ```
 */
import { writeFile } from "node:fs/promises";
import { DuskError } from "@dusk/core";
import { optimize, type LogicalNode } from "@dusk/plan";
import { notebookDisplay } from "../display/notebook.js";
import { physicalGraph } from "../execute.js";
import { planToDot } from "./plan-dot.js";
import { dotToSvg } from "./render-svg.js";
import { taskGraphToDot } from "./task-graph-dot.js";

/** Options of `df.visualize()`. */
export interface VisualizeOptions {
  /** Where to write the picture (default `graph.svg` / `graph.dot`; in a notebook, no file unless given). */
  readonly filename?: string;
  /** `"svg"` (default; or from the filename's extension) or `"dot"` (Graphviz source). */
  readonly format?: "svg" | "dot";
  /** `"tasks"` (default): the task graph; `"plan"`: the optimized logical plan. */
  readonly graph?: "tasks" | "plan";
  /** Draw each task (not layers) below this many tasks (default 200). */
  readonly maxTasks?: number;
}

/** The format asked for, or the filename's, or svg. */
function formatOf(options: VisualizeOptions): "svg" | "dot" {
  const f = options.format ?? (options.filename?.toLowerCase().endsWith(".dot") || options.filename?.toLowerCase().endsWith(".gv") ? "dot" : "svg");
  if (f !== "svg" && f !== "dot") throw new DuskError("INVALID_ARGUMENT", `visualize: unknown format ${JSON.stringify(f)}; use "svg" or "dot"`);
  return f;
}

/** The DOT text of the picture `options` asks for. */
export function visualizeDot(plan: LogicalNode, options: VisualizeOptions = {}): string {
  const graph = options.graph ?? "tasks";
  if (graph === "plan") return planToDot(optimize(plan));
  if (graph === "tasks") return taskGraphToDot(physicalGraph(plan), { maxTasks: options.maxTasks });
  throw new DuskError("INVALID_ARGUMENT", `visualize: unknown graph ${JSON.stringify(graph)}; use "tasks" or "plan"`);
}

/** Renders, shows or writes the picture and returns its text (SVG markup or DOT). */
export async function visualize(plan: LogicalNode, options: VisualizeOptions = {}): Promise<string> {
  const format = formatOf(options);
  const dot = visualizeDot(plan, options);
  const text = format === "dot" ? dot : await dotToSvg(dot);
  const shown = format === "svg" && showInNotebook(text);
  if (!shown || options.filename !== undefined) await writePicture(options.filename ?? `graph.${format}`, text);
  return text;
}

/** Shows SVG in a tslab cell; false outside one (or outside a cell's execution). */
export function showInNotebook(svg: string): boolean {
  const nb = notebookDisplay();
  if (!nb) return false;
  try {
    nb.html(svg);
    return true;
  } catch {
    return false;
  }
}

async function writePicture(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    throw new DuskError("IO_ERROR", `visualize: could not write ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
}
