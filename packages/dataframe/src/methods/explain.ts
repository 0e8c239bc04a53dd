import { DuskError } from "@dusk/core";
import { explainGraph, fuse, lower, order } from "@dusk/graph";
import { explainPlan, optimize, type LogicalNode } from "@dusk/plan";
import { explainDot } from "../visualize/explain-dot.js";
import { dotToSvg } from "../visualize/render-svg.js";

/** Options of `df.explain()`: `"text"` (default), `"dot"` (Graphviz source) or `"svg"` (a picture; async). */
export interface ExplainOptions {
  readonly format?: "text" | "dot" | "svg";
}

/** Logical, optimized and physical plans as text. */
export function explain(plan: LogicalNode): string {
  const optimized = optimize(plan);
  return [
    "== Logical plan ==", explainPlan(plan), "",
    "== Optimized plan ==", explainPlan(optimized), "",
    "== Physical plan ==", explainGraph(order(fuse(lower(optimized)))),
  ].join("\n");
}

/** The three plans in the format asked for: text and DOT at once, SVG as a promise. */
export function explainAs(plan: LogicalNode, options: ExplainOptions = {}): string | Promise<string> {
  const format = options.format ?? "text";
  switch (format) {
    case "text": return explain(plan);
    case "dot": return explainDot(plan);
    case "svg": return dotToSvg(explainDot(plan));
    default: {
      const never: never = format;
      throw new DuskError("INVALID_ARGUMENT", `explain: unknown format ${JSON.stringify(never)}; use "text", "dot" or "svg"`);
    }
  }
}
