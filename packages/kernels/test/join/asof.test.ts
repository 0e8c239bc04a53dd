/** asofIndices and firstUnsorted on hand-made columns: directions, ties, duplicates, strictness, tolerance, nulls, NaN, by groups, 64-bit keys. */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { asofEdgeRows, asofIndices, columnFromValues, firstUnsorted, type AsofOptions } from "@dusk/kernels";

const opts = (o: Partial<AsofOptions>): AsofOptions => ({ direction: "backward", tolerance: null, allowExactMatches: true, ...o });
const f64 = (xs: (number | null)[]) => columnFromValues(dtypes.float64, xs);
const i64 = (xs: (bigint | null)[]) => columnFromValues(dtypes.int64, xs);

describe("asofIndices", () => {
  const right = f64([1, 2, 2, null, 5, 9]);
  const left = f64([0, 1, 2, 3, 5, 7, 10, null, NaN]);

  it("backward takes the last of equal keys; forward the first; nearest prefers backward on a tie", () => {
    expect([...asofIndices(left, right, [], [], opts({}))]).toEqual([-1, 0, 2, 2, 4, 4, 5, -1, -1]);
    expect([...asofIndices(left, right, [], [], opts({ direction: "forward" }))]).toEqual([0, 0, 1, 4, 4, 5, -1, -1, -1]);
    // 7 is 2 from 5 and 2 from 9: backward wins; 3 is 1 from 2 and 2 from 5
    expect([...asofIndices(left, right, [], [], opts({ direction: "nearest" }))]).toEqual([0, 0, 2, 2, 4, 4, 5, -1, -1]);
  });

  it("allowExactMatches false makes the comparisons strict; tolerance bounds the distance", () => {
    expect([...asofIndices(left, right, [], [], opts({ allowExactMatches: false }))]).toEqual([-1, -1, 0, 2, 2, 4, 5, -1, -1]);
    expect([...asofIndices(left, right, [], [], opts({ direction: "forward", allowExactMatches: false }))]).toEqual([0, 1, 4, 4, 5, 5, -1, -1, -1]);
    expect([...asofIndices(left, right, [], [], opts({ tolerance: 1 }))]).toEqual([-1, 0, 2, 2, 4, -1, 5, -1, -1]);
  });

  it("searches within by groups (null by keys match nothing) and on 64-bit keys with a bigint tolerance", () => {
    const big = 2n ** 60n;
    const l = i64([big + 1n, big + 5n, big + 5n, big + 8n]), r = i64([big, big + 2n, big + 4n, big + 7n]);
    const lg = columnFromValues(dtypes.utf8, ["a", "b", null, "a"]), rg = columnFromValues(dtypes.utf8, ["a", "b", "a", "b"]);
    expect([...asofIndices(l, r, [lg], [rg], opts({}))]).toEqual([0, 1, -1, 2]);
    expect([...asofIndices(l, r, [lg], [rg], opts({ tolerance: 3n }))]).toEqual([0, 1, -1, -1]);
    expect([...asofIndices(l, r, [lg], [rg], opts({ direction: "forward" }))]).toEqual([2, 3, -1, -1]);
  });
});

describe("firstUnsorted", () => {
  it("finds the first key smaller than an earlier one, skipping nulls and NaN", () => {
    expect(firstUnsorted(f64([1, null, 2, NaN, 2, 3]))).toBe(-1);
    expect(firstUnsorted(f64([1, 4, null, 3]))).toBe(3);
    expect(firstUnsorted(i64([5n, 4n]))).toBe(1);
  });
});

describe("asofEdgeRows", () => {
  it("keeps the last (first) usable row per by group, in row order; one row without by", () => {
    const on = f64([1, 2, null, 4, 5, 6]);
    const g = columnFromValues(dtypes.utf8, ["a", "b", "b", "a", null, "b"]);
    expect([...asofEdgeRows(on, [g], "last")]).toEqual([3, 5]);
    expect([...asofEdgeRows(on, [g], "first")]).toEqual([0, 1]);
    expect([...asofEdgeRows(on, [], "last")]).toEqual([5]);
    expect([...asofEdgeRows(f64([]), [], "first")]).toEqual([]);
  });
});
