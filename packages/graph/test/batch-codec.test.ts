import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import { columnFromValues, columnToValues, dictEncode, sliceBatch, type Batch, type Utf8Column } from "@dusk/kernels";
import { batchCodec, shareBatch } from "../src/index.js";

const n = 50;
const cols: [string, DType, unknown[]][] = [
  ["s", dtypes.utf8, Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `k${i % 5}é`))],
  ["i64", dtypes.int64, Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : 2n ** 60n + BigInt(i)))],
  ["f", dtypes.float64, Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i / 3))],
  ["b", dtypes.bool, Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : i % 2 === 0))],
  ["d", dtypes.date32, Array.from({ length: n }, (_, i) => 18000 + i)],
  ["t", dtypes.timestamp("ms", null), Array.from({ length: n }, (_, i) => (i === 3 ? null : 1_700_000_000_000n + BigInt(i)))],
];

function batch(dict: boolean): Batch {
  const columns = cols.map(([, t, v]) => columnFromValues(t, v as never));
  if (dict) columns[0] = dictEncode(columns[0] as Utf8Column);
  return { names: cols.map((c) => c[0]), columns, length: n };
}

const values = (b: Batch): unknown[][] => b.columns.map(columnToValues);

describe("the batch codec (spilling partitions as Arrow IPC)", () => {
  for (const dict of [false, true]) {
    it(`round-trips every dtype with nulls${dict ? ", strings dictionary-encoded" : ""}`, () => {
      const b = batch(dict);
      const back = batchCodec.deserialize(batchCodec.serialize(b)) as Batch;
      expect(back.names).toEqual(b.names);
      expect(back.length).toBe(n);
      expect(back.columns.map((c) => c.dtype)).toEqual(b.columns.map((c) => c.dtype));
      expect(values(back)).toEqual(values(b));
    });

    it(`round-trips a slice in shared memory${dict ? ", strings dictionary-encoded" : ""}`, () => {
      const b = shareBatch(sliceBatch(batch(dict), 9, 31));
      const back = batchCodec.deserialize(batchCodec.serialize(b)) as Batch;
      expect(values(back)).toEqual(values(b));
      expect(values(back)[1]).toEqual(cols[1][2].slice(9, 31));
    });
  }

  it("round-trips an empty batch with its dtypes", () => {
    const b = sliceBatch(batch(true), 0, 0);
    const back = batchCodec.deserialize(batchCodec.serialize(b)) as Batch;
    expect(back.length).toBe(0);
    expect(back.columns.map((c) => c.dtype)).toEqual(b.columns.map((c) => c.dtype));
  });
});
