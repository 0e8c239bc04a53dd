import { explainGraph, fuse, lower, order } from "@dusk/graph";
import { explainPlan, optimize, type LogicalNode } from "@dusk/plan";

/** Logical, optimized and physical plans as text. */
export function explain(plan: LogicalNode): string {
  const optimized = optimize(plan);
  return [
    "== Logical plan ==", explainPlan(plan), "",
    "== Optimized plan ==", explainPlan(optimized), "",
    "== Physical plan ==", explainGraph(order(fuse(lower(optimized)))),
  ].join("\n");
}
