/**
 * Text of user expressions, as they appear in error messages: `id1 > 5`, `sum(v1 * v2)`.
 *
 * @example
 * ```ts
 * printExpr(binaryNode("gt", colNode("id1"), litNode(5))); // "id1 > 5"
 * ```
 */
import { windowText } from "./nodes/window.js";
import { assertNever, Duration, formatDType } from "@dusk/core";
import { aggOptionsText, atom, PREC, renderBinary, renderName, renderPostfix, renderPrefix, type Rendered } from "./format.js";
import { dtOpText, type ExprNode, type LitValue } from "./nodes/index.js";

export function printLitValue(v: LitValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Duration) return `duration'${v.toString()}'`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : `timestamp'${v.toISOString()}'`;
  return String(v);
}

function render(e: ExprNode): Rendered {
  switch (e.kind) {
    case "col": return atom(renderName(e.name));
    case "lit": return atom(e.dtype === null ? printLitValue(e.value) : `lit(${printLitValue(e.value)}, ${formatDType(e.dtype)})`);
    case "binary": return renderBinary(e.op, render(e.left), render(e.right));
    case "unary": {
      const op = e.op;
      switch (op) {
        case "neg": return renderPrefix("-", render(e.input), PREC.neg);
        case "not": return renderPrefix("not", render(e.input), PREC.not);
        case "isNull": return renderPostfix(render(e.input), "is null");
        case "isNotNull": return renderPostfix(render(e.input), "is not null");
        default: return assertNever(op);
      }
    }
    case "cast": return atom(`cast(${render(e.input).text} as ${formatDType(e.dtype)})`);
    case "fillNull": return atom(`fill_null(${render(e.input).text}, ${render(e.value).text})`);
    case "isIn": return renderPostfix(render(e.input), `in [${e.values.map(printLitValue).join(", ")}]`);
    case "between": {
      const bounds = e.inclusive === "both" ? "" : ` (${e.inclusive})`;
      return renderPostfix(render(e.input), `between ${render(e.low).text} and ${render(e.high).text}${bounds}`);
    }
    case "window": return atom(windowText(e.fn, render(e.input).text, e));
    case "dt": return atom(`${render(e.input).prec < PREC.atom ? `(${render(e.input).text})` : render(e.input).text}.dt.${dtOpText(e.op)}`);
    case "agg": return atom(e.input === null ? "count()" : `${e.fn}(${[e.input, e.other].filter((x) => x !== null).map((x) => render(x!).text).join(", ")}${aggOptionsText(e.options)})`);
    default: return assertNever(e);
  }
}

/** The text of a user expression. */
export const printExpr = (e: ExprNode): string => render(e).text;
