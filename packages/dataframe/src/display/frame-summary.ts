/**
 * What an uncomputed DataFrame shows: its columns and dtypes, its number of partitions and a
 * one-line summary of its plan, all read from the plan without computing anything.
 *
 * @example
 * ```ts
 * frameSummaryText(df.plan);
 * // Dusk DataFrame (lazy) · npartitions=2 · 2 columns
 * //   id1  utf8
 * //   v1   int64
 * // plan: Filter ← Scan memory[2 partitions, 4 rows]
 * ```
 */
import { formatDType } from "@dusk/core";
import { children, describeSource, explainNode, partitionCount, type LogicalNode } from "@dusk/plan";
import { escapeHtml } from "./html-escape.js";

/** Most columns listed before "… N more columns". */
const MAX_COLUMNS = 40;
/** Longest one-line plan summary. */
const MAX_PLAN = 200;

/**
 * The plan as one line, root first: the root node as `explain` writes it, the nodes below it by
 * kind, scans with their source, inputs of a merge in parentheses.
 *
 * @example
 * ```ts
 * planSummary(out.plan); // "Aggregate keys=[id1] aggs=[v1 := sum(v1)] ← Filter ← Scan csv[1 file, 1 partition]"
 * ```
 */
export function planSummary(plan: LogicalNode): string {
  const label = (n: LogicalNode, root: boolean): string => {
    if (n.kind === "scan") return `Scan ${describeSource(n.source)}`;
    const line = explainNode(n);
    return root ? line : line.split(" ", 1)[0];
  };
  const chain = (n: LogicalNode, root: boolean): string => {
    const inputs = children(n);
    const here = label(n, root);
    if (inputs.length === 0) return here;
    if (inputs.length === 1) return `${here} ← ${chain(inputs[0], false)}`;
    return `${here} ← (${inputs.map((c) => chain(c, false)).join(", ")})`;
  };
  const s = chain(plan, true);
  return s.length <= MAX_PLAN ? s : `${s.slice(0, MAX_PLAN - 1)}…`;
}

function heading(plan: LogicalNode): string {
  const n = plan.schema.fields.length;
  return `npartitions=${partitionCount(plan)} · ${n} column${n === 1 ? "" : "s"}`;
}

/** The text form (console.log, util.inspect, a tslab cell's value). */
export function frameSummaryText(plan: LogicalNode): string {
  const fields = plan.schema.fields;
  const shown = fields.slice(0, MAX_COLUMNS);
  const nameWidth = Math.max(0, ...shown.map((f) => f.name.length));
  const lines = [`Dusk DataFrame (lazy) · ${heading(plan)}`];
  for (const f of shown) lines.push(`  ${f.name.padEnd(nameWidth)}  ${formatDType(f.dtype)}`);
  if (fields.length > shown.length) lines.push(`  … ${fields.length - shown.length} more columns`);
  lines.push(`plan: ${planSummary(plan)}`);
  return lines.join("\n");
}

/** The HTML form for Jupyter: a header row of names over a row of dtypes, values not computed. */
export function frameSummaryHTML(plan: LogicalNode): string {
  const fields = plan.schema.fields;
  const names = fields.map((f) => `<th>${escapeHtml(f.name)}</th>`).join("");
  const types = fields.map((f) => `<td style="color: #888">${escapeHtml(formatDType(f.dtype))}</td>`).join("");
  const dots = fields.map(() => `<td>…</td>`).join("");
  return [
    `<div class="dusk-frame">`,
    `<p><strong>Dusk DataFrame</strong> (lazy) · ${escapeHtml(heading(plan))}</p>`,
    `<table class="dataframe">`,
    `<thead><tr><th></th>${names}</tr></thead>`,
    `<tbody><tr><th>dtype</th>${types}</tr><tr><th></th>${dots}</tr></tbody>`,
    `</table>`,
    `<p style="color: #888">plan: ${escapeHtml(planSummary(plan))}</p>`,
    `</div>`,
  ].join("\n");
}
