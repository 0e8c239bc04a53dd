/**
 * Plan text: one line per node, inputs indented below.
 *
 * @example
 * ```
 * Aggregate keys=[id1] aggs=[v1 := sum(v1)]
 *   Filter v1 > 2
 *     Scan memory[8 partitions, 1000 rows] columns=[id1, v1]
 * ```
 */
import { windowText } from "../expr/nodes/window.js";
import { assertNever } from "@dusk/core";
import { explainExpr, explainNamed } from "../expr/explain.js";
import { renderName } from "../expr/format.js";
import { children } from "./children.js";
import type { LogicalNode, SetIndexNode } from "./node.js";
import { mergeAsofDecision, type AsofPartitionNeeds } from "./merge-asof-strategy.js";
import { asofToleranceText } from "./nodes/merge-asof.js";
import { mergeDecision, partitionCount } from "./partitions.js";
import { plannerSettings } from "./row-count.js";
import { describeSource } from "./sources.js";

const list = (xs: readonly string[]): string => `[${xs.join(", ")}]`;

/** The one-line description of a node. */
export function explainNode(n: LogicalNode): string {
  switch (n.kind) {
    case "scan": {
      const all = n.columns.length === n.source.schema.length && n.columns.every((c, i) => c === n.source.schema.fields[i].name);
      const cols = all ? "" : ` columns=${list(n.columns.map(renderName))}`;
      return `Scan ${describeSource(n.source)}${cols}${n.predicate ? ` filter=${explainExpr(n.predicate)}` : ""}`;
    }
    case "project": return `Project ${list(n.exprs.map(explainNamed))}`;
    case "assign": return `Assign ${list(n.exprs.map(explainNamed))}`;
    case "filter": return `Filter ${explainExpr(n.predicate)}`;
    case "aggregate": {
      const opts = [
        !n.options.dropna ? "dropna=false" : "", !n.options.sort ? "sort=false" : "",
        (n.options.splitOut ?? 1) > 1 ? `splitOut=${n.options.splitOut}` : "",
        n.options.estimatedGroups !== undefined ? `(auto: ~${approx(n.options.estimatedGroups)} groups estimated)` : "",
      ].filter(Boolean).join(" ");
      return `Aggregate keys=${list(n.keys.map(renderName))} aggs=${list(n.aggs.map(explainNamed))}${opts ? ` ${opts}` : ""}`;
    }
    case "limit": return `Limit ${n.n}`;
    case "merge": {
      const on = n.leftOn.map((l, i) => (l === n.rightOn[i] ? renderName(l) : `${renderName(l)} = ${renderName(n.rightOn[i])}`));
      const d = mergeDecision(n);
      const side = d.strategy === "broadcast-left" ? "left" : "right";
      const why = d.why === "size" ? ` broadcast=${side} (~${approxBytes(d.bytes ?? 0)} estimated < broadcastThreshold ${approxBytes(plannerSettings().broadcastBytes)})` : "";
      return `Merge how=${n.how} on=${list(on)}${why}`;
    }
    case "merge-asof": {
      const on = n.leftOn === n.rightOn ? renderName(n.leftOn) : `${renderName(n.leftOn)} = ${renderName(n.rightOn)}`;
      const by = n.leftBy.length === 0 ? "" : ` by=${list(n.leftBy.map((l, i) => (l === n.rightBy[i] ? renderName(l) : `${renderName(l)} = ${renderName(n.rightBy[i])}`)))}`;
      const tol = n.tolerance === null ? "" : ` tolerance=${asofToleranceText(n.tolerance)}`;
      const d = mergeAsofDecision(n);
      const est = d.bytes === null ? "size unknown" : `~${approxBytes(d.bytes)} estimated`;
      const how = d.why === "one-partition" ? "right broadcast (one partition)"
        : d.why === "size" ? `right broadcast (${est} < broadcastThreshold ${approxBytes(plannerSettings().broadcastBytes)})`
        : d.why === "divisions" ? `right by divisions (${asofNeedsText(d.needs ?? [], partitionCount(n.right))})`
        : `right gathered into one partition (${est}, not below broadcastThreshold ${approxBytes(plannerSettings().broadcastBytes)})`;
      return `MergeAsof on=${list([on])}${by} direction=${n.direction}${tol}${n.allowExactMatches ? "" : " allowExactMatches=false"} ${how}`;
    }
    case "sort": return `Sort by=${sortKeys(n.by, n.ascending)}${n.naPosition === "first" ? " nulls=first" : ""}`;
    case "top-n": {
      const g = n.group;
      const per = g === null ? "" : ` per=${list(g.keys.map(renderName))}${g.dropna ? "" : " dropna=false"}${g.splitOut > 1 ? ` splitOut=${g.splitOut}` : ""}`;
      return `TopN ${n.n} by=${sortKeys(n.by, n.ascending)}${per}`;
    }
    case "drop-duplicates":
      return `DropDuplicates subset=${list(n.subset.map(renderName))} keep=${n.keep}${n.splitOut > 1 ? ` splitOut=${n.splitOut}` : ""}`;
    case "concat": return `Concat ${n.inputs.length} frame${n.inputs.length === 1 ? "" : "s"}`;
    case "repartition": return `Repartition npartitions=${n.npartitions}`;
    case "set-index": return explainSetIndex(n);
    case "window": return `Window ${list(n.calls.map((c) => `${renderName(c.name)} := ${windowText(c.fn, explainExpr(c.input), c)}`))}`;
    default: return assertNever(n);
  }
}

/** `each left partition reads 1–2 of 8 right partitions, plus edge rows`: what the divisions path reads. */
function asofNeedsText(needs: readonly AsofPartitionNeeds[], of: number): string {
  const counts = needs.map((x) => x.parts.length);
  const lo = counts.length ? Math.min(...counts) : 0, hi = counts.length ? Math.max(...counts) : 0;
  const edges = needs.some((x) => x.tail !== null || x.head !== null) ? ", plus the edge rows per group of the others" : "";
  return `each left partition reads ${lo === hi ? lo : `${lo}-${hi}`} of ${of} right partitions${edges}`;
}

/** `SetIndex ts sorted divisions=known partitions 3 of 12 (divisions)`. */
function explainSetIndex(n: SetIndexNode): string {
  if (n.reset) return `ResetIndex ${renderName(n.column)}${n.mode === "sort-partitions" ? " sort-partitions" : ""}`;
    const kept = n.keep === null ? "" : ` partitions ${n.keep.length} of ${partitionCount(n.input)} (divisions)`;
  return `SetIndex ${renderName(n.column)} ${n.mode} divisions=${n.divisions === null ? "unknown" : "known"}${kept}`;
}

/** `12k`, `3.4M`: a count in 2–3 significant digits (estimates are rough). */
const approx = (x: number): string =>
  x >= 1e9 ? `${Number((x / 1e9).toPrecision(2))}G` : x >= 1e6 ? `${Number((x / 1e6).toPrecision(2))}M` : x >= 1e3 ? `${Number((x / 1e3).toPrecision(2))}k` : `${Math.round(x)}`;
const approxBytes = (x: number): string => (x >= 1e9 ? `${Number((x / 1e9).toPrecision(3))}GB` : x >= 1e6 ? `${Number((x / 1e6).toPrecision(3))}MB` : x >= 1e3 ? `${Number((x / 1e3).toPrecision(3))}kB` : `${Math.round(x)}B`);

/** `[a, b desc]`: sort keys, descending ones marked. */
const sortKeys = (by: readonly string[], ascending: readonly boolean[]): string =>
  list(by.map((b, i) => (ascending[i] ? renderName(b) : `${renderName(b)} desc`)));

/** The whole plan as indented text. */
export function explainPlan(root: LogicalNode): string {
  const lines: string[] = [];
  const visit = (n: LogicalNode, depth: number): void => {
    lines.push(`${"  ".repeat(depth)}${explainNode(n)}`);
    for (const c of children(n)) visit(c, depth + 1);
  };
  visit(root, 0);
  return lines.join("\n");
}
