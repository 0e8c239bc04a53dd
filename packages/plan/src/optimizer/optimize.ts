/**
 * The optimizer driver: runs the rules in order over the plan, pass after pass, until a pass
 * changes nothing. Every replacement must keep the replaced node's schema (names and dtypes) —
 * otherwise RULE_CHANGED_SCHEMA names the rule. A plan that comes back to an earlier form means
 * rules undo each other: OPTIMIZER_CYCLE names the rules involved.
 *
 * @example
 * ```ts
 * const optimized = optimize(plan);           // the default rules
 * const once = applyRule(pushdownPredicate, plan);
 * ```
 */
import { DuskError } from "@dusk/core";
import { children } from "../logical/children.js";
import { explainPlan } from "../logical/explain.js";
import { nodeKey } from "../logical/hash.js";
import type { LogicalNode } from "../logical/node.js";
import { withChildren } from "../logical/with-children.js";
import { defaultRules } from "./default-rules.js";
import type { Rule, RuleContext } from "./rule.js";

export interface OptimizeOptions {
  readonly rules?: readonly Rule[];
  /** Passes before giving up on a fixed point (the plan so far is returned). */
  readonly maxPasses?: number;
}

function checkSchema(rule: Rule, before: LogicalNode, after: LogicalNode): void {
  if (after === before || after.schema.equals(before.schema)) return;
  throw new DuskError("RULE_CHANGED_SCHEMA",
    `optimizer rule ${rule.name} changed a node's schema from ${before.schema} to ${after.schema}; this is a bug in the rule.\nBefore:\n${explainPlan(before)}\nAfter:\n${explainPlan(after)}`,
    { rule: rule.name });
}

/** One traversal of `root` by `rule`; shared sub-plans are rewritten once. */
export function applyRule(rule: Rule, root: LogicalNode): LogicalNode {
  const ctx: RuleContext = { root };
  const memo = new Map<LogicalNode, LogicalNode>();
  const visit = (n: LogicalNode): LogicalNode => {
    const done = memo.get(n);
    if (done) return done;
    let out: LogicalNode;
    if (rule.order === "bottom-up") {
      const rebuilt = withChildren(n, children(n).map(visit));
      out = rule.apply(rebuilt, ctx) ?? rebuilt;
      checkSchema(rule, rebuilt, out);
    } else {
      const applied = rule.apply(n, ctx) ?? n;
      checkSchema(rule, n, applied);
      out = withChildren(applied, children(applied).map(visit));
    }
    checkSchema(rule, n, out);
    memo.set(n, out);
    return out;
  };
  return visit(root);
}

/** Applies one rule until it changes nothing more (for tests and debugging). */
export function applyRuleToFixedPoint(rule: Rule, root: LogicalNode, maxPasses = 32): LogicalNode {
  let cur = root;
  for (let i = 0; i < maxPasses; i++) {
    const next = applyRule(rule, cur);
    if (nodeKey(next) === nodeKey(cur)) return next;
    cur = next;
  }
  return cur;
}

/** The optimized plan. */
export function optimize(plan: LogicalNode, options: OptimizeOptions = {}): LogicalNode {
  const rules = options.rules ?? defaultRules;
  const maxPasses = options.maxPasses ?? 16;
  const seen = new Set<string>([nodeKey(plan)]);
  let cur = plan;
  for (let pass = 0; pass < maxPasses; pass++) {
    const start = nodeKey(cur);
    const changedBy: string[] = [];
    for (const rule of rules) {
      const next = applyRule(rule, cur);
      if (nodeKey(next) !== nodeKey(cur)) changedBy.push(rule.name);
      cur = next;
    }
    const k = nodeKey(cur);
    if (k === start && changedBy.length === 0) return cur;
    if (seen.has(k) || k === start) {
      throw new DuskError("OPTIMIZER_CYCLE",
        `the optimizer came back to an earlier plan; rules ${changedBy.join(", ")} undo each other. Plan:\n${explainPlan(cur)}`,
        { rules: changedBy });
    }
    seen.add(k);
  }
  return cur;
}
