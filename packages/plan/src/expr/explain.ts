/**
 * Text of typed expressions: readable explain text (`explainExpr`) and a canonical key that also
 * spells out every dtype (`exprKey`, used for hashing plans).
 */
import { windowText } from "./nodes/window.js";
import { assertNever, Duration, formatDType, NANOS_PER_UNIT, type DType } from "@dusk/core";
import { aggOptionsText, atom, PREC, renderBinary, renderName, renderPostfix, renderPrefix, type Rendered } from "./format.js";
import { dtOpText } from "./nodes/dt.js";
import type { NamedExpr, ScalarValue, TypedExpr } from "./typed.js";

const MS_PER_DAY = 86_400_000;
const UNIT_PER_MS: Record<string, bigint> = { s: 0n, ms: 1n, us: 1000n, ns: 1_000_000n };

function isoOfTimestamp(v: bigint, unit: string): string {
  let ms: bigint;
  let frac = "";
  if (unit === "s") ms = v * 1000n;
  else {
    const per = UNIT_PER_MS[unit];
    ms = v / per;
    let rem = v % per;
    if (rem < 0n) { rem += per; ms -= 1n; }
    if (rem !== 0n) frac = rem.toString().padStart(unit === "us" ? 3 : 6, "0");
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return `${v}${unit}`;
  const iso = d.toISOString();
  return frac ? iso.replace("Z", `${frac}Z`) : iso;
}

/** A typed value as text: numbers plain, strings quoted, dates as `date'YYYY-MM-DD'`. */
export function formatScalar(value: ScalarValue, dtype: DType): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  if (dtype.kind === "date32" && typeof value === "number") {
    const d = new Date(value * MS_PER_DAY);
    return Number.isNaN(d.getTime()) ? `date(${value})` : `date'${d.toISOString().slice(0, 10)}'`;
  }
  if (dtype.kind === "timestamp" && typeof value === "bigint") return `timestamp'${isoOfTimestamp(value, dtype.unit)}'`;
  return String(value);
}

function render(e: TypedExpr, typed: boolean): Rendered {
  const r = renderBare(e, typed);
  return typed ? atom(`${r.text.startsWith("(") ? r.text : `(${r.text})`}:${formatDType(e.dtype)}`) : r;
}

function renderBare(e: TypedExpr, typed: boolean): Rendered {
  const sub = (x: TypedExpr): Rendered => render(x, typed);
  switch (e.kind) {
    case "col": return atom(renderName(e.name));
    case "lit": return atom(formatScalar(e.value, e.dtype));
    case "binary": {
      // timestamp ± duration is bound as an int64 count of the unit: show it as the duration
      const r = e.right;
      if (!typed && e.dtype.kind === "timestamp" && r.kind === "lit" && r.dtype.kind === "int64" && typeof r.value === "bigint") {
        return renderBinary(e.op, sub(e.left), atom(`duration'${new Duration(r.value * BigInt(NANOS_PER_UNIT[e.dtype.unit])).toString()}'`));
      }
      return renderBinary(e.op, sub(e.left), sub(e.right));
    }
    case "unary": {
      const op = e.op;
      switch (op) {
        case "neg": return renderPrefix("-", sub(e.input), PREC.neg);
        case "not": return renderPrefix("not", sub(e.input), PREC.not);
        case "isNull": return renderPostfix(sub(e.input), "is null");
        case "isNotNull": return renderPostfix(sub(e.input), "is not null");
        default: return assertNever(op);
      }
    }
    case "cast": return atom(`cast(${sub(e.input).text} as ${formatDType(e.dtype)})`);
    case "fillNull": return atom(`fill_null(${sub(e.input).text}, ${sub(e.value).text})`);
    case "isIn": return renderPostfix(sub(e.input), `in [${e.values.map((v) => formatScalar(v, e.input.dtype)).join(", ")}]`);
    case "window": return atom(windowText(e.fn, sub(e.input).text, e));
    case "dt": {
      const x = sub(e.input);
      return atom(`${x.prec < PREC.atom ? `(${x.text})` : x.text}.dt.${dtOpText(e.op)}`);
    }
    case "agg": return atom(e.input === null ? "count()" : `${e.fn}(${[e.input, e.other].filter((x) => x !== null).map((x) => sub(x!).text).join(", ")}${aggOptionsText(e.options)})`);
    default: return assertNever(e);
  }
}

/** Readable text of a typed expression: `v1 * v2 > 10`. */
export const explainExpr = (e: TypedExpr): string => render(e, false).text;

/** Canonical text with every dtype: equal keys mean equal expressions. */
export const exprKey = (e: TypedExpr): string => render(e, true).text;

/** `name := expr`, or just `name` for a plain reference to the same column. */
export function explainNamed(ne: NamedExpr): string {
  if (ne.expr.kind === "col" && ne.expr.name === ne.name) return renderName(ne.name);
  return `${renderName(ne.name)} := ${explainExpr(ne.expr)}`;
}
