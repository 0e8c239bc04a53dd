import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, columnToValues, concatColumns, dictEncode, take, type Utf8Column } from "@dusk/kernels";
import { batchesToTable, tableToBatches } from "@dusk/kernels";

describe("column basics", () => {
  it("round-trips values, take, concat, dictionaries", () => {
    const c = columnFromValues(dtypes.int64, [1n, null, 2n ** 60n]);
    expect(columnToValues(c)).toEqual([1n, null, 2n ** 60n]);
    expect(columnToValues(take(c, Int32Array.from([2, -1, 0])))).toEqual([2n ** 60n, null, 1n]);
    const s = columnFromValues(dtypes.utf8, ["a", "bé", null, "a"]) as Utf8Column;
    const d = dictEncode(s);
    expect(d.dictionary.length).toBe(2);
    expect(columnToValues(concatColumns([d, s], dtypes.utf8))).toEqual(["a", "bé", null, "a", "a", "bé", null, "a"]);
  });
  it("goes to Arrow and back", () => {
    const names = ["a", "b", "c"];
    const types = [dtypes.int64, dtypes.bool, dtypes.utf8];
    const batch = { names, length: 3, columns: [
      columnFromValues(dtypes.int64, [1n, null, 3n]),
      columnFromValues(dtypes.bool, [true, false, null]),
      dictEncode(columnFromValues(dtypes.utf8, ["x", "y", "x"]) as Utf8Column),
    ] };
    const t = batchesToTable([batch], names, types);
    expect(t.getChild("a")!.toArray()).toEqual(BigInt64Array.from([1n, 0n, 3n]));
    expect(t.getChild("c")!.get(2)).toBe("x");
    expect(t.getChild("b")!.get(2)).toBe(null);
    const back = tableToBatches(t);
    expect(back.dtypes).toEqual(types);
    expect(columnToValues(back.batches[0].columns[1])).toEqual([true, false, null]);
  });
});
