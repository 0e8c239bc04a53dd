/**
 * `df.explain({ format: "dot" | "svg" })`: the three plans explain's text shows (logical,
 * optimized, physical by layer) as three boxes of one Graphviz picture.
 *
 * @example
 * ```ts
 * const svg = await df.explain({ format: "svg" });
 * ```
 */
import { optimize, type LogicalNode } from "@dusk/plan";
import { physicalGraph } from "../execute.js";
import { dotHeader, dotString } from "./dot-text.js";
import { planDotBody } from "./plan-dot.js";
import { taskGraphDotBody } from "./task-graph-dot.js";

const cluster = (id: string, title: string, body: string[]): string[] => [
  `  subgraph cluster_${id} {`, `    label=${dotString(title)};`, `    color="#bbbbbb";`,
  ...body.map((l) => `  ${l}`), `  }`,
];

/** The DOT text of explain's three plans; the physical plan always by layer. */
export function explainDot(plan: LogicalNode): string {
  const optimized = optimize(plan);
  return [
    ...dotHeader("explain"),
    ...cluster("logical", "Logical plan", planDotBody(plan, "l")),
    ...cluster("optimized", "Optimized plan", planDotBody(optimized, "o")),
    ...cluster("physical", "Physical plan", taskGraphDotBody(physicalGraph(plan), { maxTasks: 0 }, "p")),
    "}",
  ].join("\n");
}
