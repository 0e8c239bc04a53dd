/**
 * Rebuilding a node over new inputs, through its factory (so the schema is recomputed and checked).
 * Every field of every kind is named here.
 */
import { assertNever, DuskError } from "@dusk/core";
import {
  aggregateNode, assignNode, concatNode, dropDuplicatesNode, filterNode, limitNode, mergeAsofNode, mergeNode, projectNode, repartitionNode, setIndexNode, sortNode, topNNode, windowNode, type LogicalNode,
} from "./node.js";

export function withChildren(n: LogicalNode, inputs: readonly LogicalNode[]): LogicalNode {
  const expect = (k: number) => {
    if (inputs.length !== k) throw new DuskError("INTERNAL", `${n.kind} takes ${k} inputs, got ${inputs.length}`);
  };
  switch (n.kind) {
    case "scan": expect(0); return n;
    case "project": expect(1); return inputs[0] === n.input ? n : projectNode(inputs[0], n.exprs);
    case "assign": expect(1); return inputs[0] === n.input ? n : assignNode(inputs[0], n.exprs);
    case "filter": expect(1); return inputs[0] === n.input ? n : filterNode(inputs[0], n.predicate);
    case "aggregate": expect(1); return inputs[0] === n.input ? n : aggregateNode(inputs[0], n.keys, n.aggs, n.options);
    case "limit": expect(1); return inputs[0] === n.input ? n : limitNode(inputs[0], n.n);
    case "merge":
      expect(2);
      return inputs[0] === n.left && inputs[1] === n.right ? n : mergeNode(inputs[0], inputs[1], n.how, n.leftOn, n.rightOn, n.suffixes);
    case "merge-asof":
      expect(2);
      return inputs[0] === n.left && inputs[1] === n.right ? n : mergeAsofNode(inputs[0], inputs[1], {
        leftOn: n.leftOn, rightOn: n.rightOn, leftBy: n.leftBy, rightBy: n.rightBy, direction: n.direction,
        tolerance: n.tolerance, allowExactMatches: n.allowExactMatches, suffixes: n.suffixes,
      });
    case "sort": expect(1); return inputs[0] === n.input ? n : sortNode(inputs[0], n.by, n.ascending, n.naPosition);
    case "top-n": expect(1); return inputs[0] === n.input ? n : topNNode(inputs[0], n.n, n.by, n.ascending, n.group);
    case "drop-duplicates": expect(1); return inputs[0] === n.input ? n : dropDuplicatesNode(inputs[0], n.subset, n.keep, n.splitOut);
    case "repartition": expect(1); return inputs[0] === n.input ? n : repartitionNode(inputs[0], n.npartitions);
    case "set-index":
      expect(1);
      return inputs[0] === n.input ? n : setIndexNode(inputs[0], n.column, n.mode, n.divisions, n.keep, n.reset);
    case "window": expect(1); return inputs[0] === n.input ? n : windowNode(inputs[0], n.calls);
    case "concat":
      expect(n.inputs.length);
      return inputs.every((x, i) => x === n.inputs[i]) ? n : concatNode(inputs);
    default: return assertNever(n);
  }
}

