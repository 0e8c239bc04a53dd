/** The dt namespace and datetime arithmetic: binding, result types, errors, text. */
import { describe, expect, it } from "vitest";
import { Duration, formatDType, isDuskError, parseDuration, parseFrequency } from "@dusk/core";
import { binaryNode, bindExpr, colNode, dtNode, explainExpr, exprKey, litNode, printExpr, Schema, type DtOp, type ExprNode } from "@dusk/plan";

const schema = Schema.of({
  i64: "int64", s: "utf8", d: "date32", ts: "timestamp[ms]", tsz: "timestamp[us, Europe/Berlin]", tsn: "timestamp[ns, UTC]",
  tss: "timestamp[s]",
});
const b = (e: ExprNode, where = "assign(x = ...)") => bindExpr(e, { schema, where });
const type = (e: ExprNode) => formatDType(b(e).dtype);
const dt = (c: string, op: DtOp) => dtNode(colNode(c), op);
const floor = (c: string, f: string) => dt(c, { fn: "floor", freq: parseFrequency(f) });

function error(f: () => unknown): { code: string; message: string } {
  try { f(); } catch (e) { if (isDuskError(e)) return { code: e.code, message: e.message }; throw e; }
  throw new Error("expected an error");
}

describe("dt binding", () => {
  it("gives int32 fields, date32 dates, the input type for rounding and utf8 for strftime", () => {
    for (const fn of ["year", "month", "day", "hour", "minute", "second", "dayOfWeek", "dayOfYear", "quarter"] as const) {
      expect(type(dt("ts", { fn }))).toBe("int32");
      expect(type(dt("tsz", { fn }))).toBe("int32");
    }
    expect(type(dt("d", { fn: "year" }))).toBe("int32");
    expect(type(dt("tsz", { fn: "date" }))).toBe("date32");
    expect(type(floor("tsz", "15min"))).toBe("timestamp[us, Europe/Berlin]");
    expect(type(floor("d", "1M"))).toBe("date32");
    expect(type(dt("ts", { fn: "strftime", format: "%Y-%m" }))).toBe("utf8");
  });

  it("rejects dt on a non-temporal column: TYPE_MISMATCH naming the expression and what works", () => {
    const e = error(() => b(dt("i64", { fn: "year" }), "assign(y = i64.dt.year())"));
    expect(e.code).toBe("TYPE_MISMATCH");
    expect(e.message).toContain("i64.dt.year()");
    expect(e.message).toContain("needs a date32 or timestamp input, got int64");
    expect(e.message).toContain('cast("timestamp[ms]")');
    expect(error(() => b(dt("s", { fn: "month" }))).message).toContain("parse it first");
  });

  it("rejects time-of-day fields and sub-day rounding on dates, and frequencies finer than the unit", () => {
    const e = error(() => b(dt("d", { fn: "hour" })));
    expect(e.code).toBe("TYPE_MISMATCH");
    expect(e.message).toMatch(/date32 values have none; use one of year, month, day/);
    expect(error(() => b(floor("d", "1h"))).message).toContain("whole days or longer");
    expect(type(floor("tss", "1ms"))).toBe("timestamp[s]"); // finer than the unit: every value is a multiple already
    expect(type(floor("tsn", "250ms"))).toBe("timestamp[ns, UTC]");
    expect(error(() => b(dt("ts", { fn: "round", freq: parseFrequency("400us") }))).message).toContain("cast to a finer unit");
  });

  it("checks frequencies and formats when the node is built", () => {
    expect(error(() => dt("ts", { fn: "ceil", freq: parseFrequency("1M") })).message).toContain("dt.floor only");
    expect(error(() => parseFrequency("5 fortnights")).code).toBe("INVALID_ARGUMENT");
    expect(error(() => dt("ts", { fn: "floor", freq: parseFrequency("1500ms") })).message).toContain("must divide one second");
    expect(error(() => dt("ts", { fn: "strftime", format: "%Y %Q" })).message).toContain("unsupported directive %Q");
    expect(parseFrequency("Q")).toEqual({ n: 3, unit: "M", nanos: 0 });
    expect(parseFrequency("15T").nanos).toBe(900e9);
  });

  it("prints and explains as the API spells it", () => {
    const e = floor("ts", "15min");
    expect(printExpr(e)).toBe('ts.dt.floor("15min")');
    expect(explainExpr(b(binaryNode("eq", dt("ts", { fn: "year" }), litNode(2024))))).toBe("ts.dt.year() == 2024");
    expect(explainExpr(b(dt("ts", { fn: "strftime", format: "%Y" })))).toBe('ts.dt.strftime("%Y")');
    expect(exprKey(b(floor("ts", "1h")))).not.toBe(exprKey(b(floor("ts", "2h"))));
  });
});

describe("datetime arithmetic", () => {
  const dur = (s: string) => litNode(parseDuration(s));
  it("timestamp ± duration keeps the timestamp, in the finer unit", () => {
    expect(type(binaryNode("add", colNode("ts"), dur("5min")))).toBe("timestamp[ms]");
    expect(explainExpr(b(binaryNode("add", colNode("ts"), dur("5min"))))).toBe("ts + duration'5min'");
    expect(type(binaryNode("sub", colNode("tsz"), dur("1D")))).toBe("timestamp[us, Europe/Berlin]");
    expect(type(binaryNode("add", colNode("tss"), dur("1500ms")))).toBe("timestamp[ms]");
    expect(type(binaryNode("add", dur("1h"), colNode("tsn")))).toBe("timestamp[ns, UTC]");
  });
  it("date ± whole days stays a date; other durations make a timestamp", () => {
    expect(type(binaryNode("add", colNode("d"), dur("2D")))).toBe("date32");
    expect(type(binaryNode("add", colNode("d"), dur("12h")))).toBe("timestamp[s]");
    expect(type(binaryNode("sub", colNode("d"), litNode(3)))).toBe("date32");
  });
  it("timestamp - timestamp counts the finer unit as int64; date - date counts days", () => {
    expect(type(binaryNode("sub", colNode("ts"), colNode("tss")))).toBe("int64");
    expect(type(binaryNode("sub", colNode("d"), colNode("d")))).toBe("int32");
    expect(explainExpr(b(binaryNode("sub", colNode("ts"), colNode("tss"))))).toBe("ts - cast(tss as timestamp[ms])");
    expect(error(() => b(binaryNode("sub", colNode("ts"), colNode("tsz")))).message).toContain("time zones differ");
  });
  it("rejects durations anywhere else", () => {
    expect(error(() => b(binaryNode("add", colNode("i64"), dur("1s")))).message).toContain("int64 and a duration");
    expect(error(() => b(binaryNode("sub", dur("1s"), colNode("ts")))).code).toBe("TYPE_MISMATCH");
    expect(error(() => b(binaryNode("gt", colNode("ts"), dur("1s")))).code).toBe("TYPE_MISMATCH");
    expect(error(() => b(litNode(new Duration(5n)))).message).toContain("can only be added to or subtracted from");
    expect(error(() => b(binaryNode("add", colNode("ts"), colNode("i64")))).message).toContain('dd.duration("5min")');
  });
  it("parses durations exactly", () => {
    expect(parseDuration("1h30min").nanos).toBe(5_400_000_000_000n);
    expect(parseDuration("-1.5s").nanos).toBe(-1_500_000_000n);
    expect(parseDuration("1h30min").toString()).toBe("1h30min");
    expect(parseDuration("250ms").unit).toBe("ms");
    expect(error(() => parseDuration("1M")).code).toBe("INVALID_ARGUMENT");
    expect(error(() => parseDuration("0.5ns")).code).toBe("INVALID_ARGUMENT");
  });
});

describe("date literals in comparisons", () => {
  it("adapt to the column: date32 from a midnight Date or ISO date, timestamps in the column's unit", () => {
    expect(explainExpr(b(binaryNode("ge", colNode("d"), litNode(new Date("2024-01-01T00:00:00Z")))))).toBe("d >= date'2024-01-01'");
    expect(explainExpr(b(binaryNode("ge", colNode("tsn"), litNode(new Date("2024-01-01T12:00:00Z")))))).toBe("tsn >= timestamp'2024-01-01T12:00:00.000Z'");
    expect(explainExpr(b(binaryNode("lt", colNode("ts"), litNode("2024-01-01", null))))).toBe("ts < timestamp'2024-01-01T00:00:00.000Z'");
  });
});
