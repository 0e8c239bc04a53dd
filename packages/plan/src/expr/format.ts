/**
 * Shared pieces of expression text: operator symbols and precedence-aware parenthesizing, used by
 * both the user-expression printer (error messages) and the typed-expression explain text.
 */
import type { AggOptions } from "./nodes/agg.js";
import { OP_SYMBOL_TEXT as OP_SYMBOL, type BinaryOp } from "./nodes/binary.js";

/** Binding strength; higher binds tighter. */
export const PREC = { or: 1, and: 2, not: 3, compare: 4, additive: 5, multiplicative: 6, neg: 7, pow: 8, atom: 9 } as const;

export function binaryPrec(op: BinaryOp): number {
  switch (op) {
    case "or": return PREC.or;
    case "and": return PREC.and;
    case "add": case "sub": return PREC.additive;
    case "mul": case "div": case "mod": return PREC.multiplicative;
    case "pow": return PREC.pow;
    default: return PREC.compare;
  }
}

/** A rendered sub-expression and how tightly it binds. */
export interface Rendered { readonly text: string; readonly prec: number }

const wrap = (r: Rendered, needParens: boolean): string => (needParens ? `(${r.text})` : r.text);

/** `left op right` with the parentheses precedence and associativity require. */
export function renderBinary(op: BinaryOp, left: Rendered, right: Rendered): Rendered {
  const p = binaryPrec(op);
  const rightAssoc = op === "pow";
  const nonAssoc = p === PREC.compare;
  const lp = rightAssoc || nonAssoc ? left.prec <= p : left.prec < p;
  const rp = rightAssoc ? right.prec < p : right.prec <= p;
  return { text: `${wrap(left, lp)} ${OP_SYMBOL[op]} ${wrap(right, rp)}`, prec: p };
}

/** A prefix operator (`-x`, `not x`). */
export function renderPrefix(symbol: string, input: Rendered, prec: number): Rendered {
  const sep = /[a-z]$/.test(symbol) ? " " : "";
  return { text: `${symbol}${sep}${wrap(input, input.prec < prec)}`, prec };
}

/** A postfix form at comparison strength (`x is null`, `x in [...]`). */
export function renderPostfix(input: Rendered, suffix: string): Rendered {
  return { text: `${wrap(input, input.prec <= PREC.compare)} ${suffix}`, prec: PREC.compare };
}

export const atom = (text: string): Rendered => ({ text, prec: PREC.atom });

/** Column names print bare when they are identifiers, else back-quoted. */
export const renderName = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``);

/** The text after an aggregate's input for its options: `, ddof=0`; nothing for defaults (ddof 1). */
export function aggOptionsText(options: AggOptions): string {
  const ddof = options.ddof === undefined || options.ddof === 1 ? "" : `, ddof=${options.ddof}`;
  return options.q === undefined ? ddof : `${ddof}, q=${options.q}`;
}
