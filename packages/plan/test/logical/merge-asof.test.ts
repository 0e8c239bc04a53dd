/** The merge-asof node: schema and suffixes, tolerance units, and its cases in the per-kind operations. */
import { describe, expect, it } from "vitest";
import { Duration } from "@dusk/core";
import {
  children, estimateRows, explainNode, knownRowCount, mergeAsofNode, nodeKey, partitionCount, withChildren, type MergeAsofNode, type MergeAsofOptions,
} from "@dusk/plan";
import { scan } from "../helpers.js";

const opts = (o: Partial<MergeAsofOptions>): MergeAsofOptions => ({
  leftOn: "t", rightOn: "t", leftBy: [], rightBy: [], direction: "backward", tolerance: null, allowExactMatches: true, suffixes: ["_x", "_y"], ...o,
});

describe("mergeAsofNode", () => {
  const left = scan("l", { t: "int64", g: "utf8", v: "float64" }, 3);
  const right = scan("r", { t: "int32", g: "utf8", v: "float64", w: "utf8" }, 2);

  it("outputs the left columns, then the right ones without shared on/by keys, suffixing clashes", () => {
    const n = mergeAsofNode(left, right, opts({ leftBy: ["g"], rightBy: ["g"] }));
    expect(n.schema.names).toEqual(["t", "g", "v_x", "v_y", "w"]);
    expect(n.onType.kind).toBe("int64");
    const m = mergeAsofNode(left, right, opts({}));
    expect(m.schema.names).toEqual(["t", "g_x", "v_x", "g_y", "v_y", "w"]);
  });

  it("converts the tolerance to the key's units and rejects the wrong kind", () => {
    expect(mergeAsofNode(left, right, opts({ tolerance: 2.7 })).toleranceValue).toBe(2n);
    const ts = scan("ts", { t: "timestamp[ms]" }, 1);
    expect(mergeAsofNode(ts, ts, opts({ tolerance: new Duration(90_500_000n) })).toleranceValue).toBe(90n);
    expect(() => mergeAsofNode(ts, ts, opts({ tolerance: 5 }))).toThrow(/must be a duration/);
    expect(() => mergeAsofNode(left, right, opts({ tolerance: -1 }))).toThrow(/zero or more/);
  });

  it("keeps the left side's partitions and rows; rebuilds, hashes and explains", () => {
    const n = mergeAsofNode(left, right, opts({ direction: "nearest", tolerance: 3 }));
    expect(partitionCount(n)).toBe(3);
    expect(knownRowCount(n)).toBe(30);
    expect(estimateRows(n)).toBe(30);
    expect(children(n)).toEqual([left, right]);
    const again = withChildren(n, [left, scan("r", { t: "int32", g: "utf8", v: "float64", w: "utf8" }, 2)]) as MergeAsofNode;
    expect(again).not.toBe(n);
    expect(nodeKey(again)).toBe(nodeKey(n));
    expect(nodeKey(mergeAsofNode(left, right, opts({ direction: "nearest", tolerance: 4 })))).not.toBe(nodeKey(n));
    expect(explainNode(n)).toMatch(/^MergeAsof on=\[t\] direction=nearest tolerance=3 right broadcast \(~[\d.]+kB estimated < broadcastThreshold 64MB\)$/);
  });
});
