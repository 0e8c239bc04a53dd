/** The progress line and the notebook HTML as pure functions of progress events. */
import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "@dusk/scheduler";
import { formatProgressDone, formatProgressLine } from "../../src/progress/format-progress.js";
import { progressDoneHTML, progressHTML } from "../../src/progress/html-bar.js";

const event = (over: Partial<ProgressEvent> = {}): ProgressEvent => ({
  done: 1234, total: 2371,
  groups: { "read-csv": { done: 30, total: 30 }, "aggregate-partial": { done: 1204, total: 2300 }, "aggregate-final": { done: 0, total: 41 } },
  keysInMemory: 12, memoryBytes: 1.2 * 1024 ** 3, spilledBytes: 0,
  ...over,
});

describe("formatProgressLine", () => {
  it("draws the bar, percent, counts, running groups first and memory", () => {
    expect(formatProgressLine(event())).toBe("[#####.....] 52% 1,234/2,371 tasks · aggregate-partial 1,204/2,300 · aggregate-final 0/41 · 1.20 GiB in memory");
  });

  it("names spilled bytes, leaves out memory when none is held, and cuts to the terminal width", () => {
    const e = event({ memoryBytes: 0, spilledBytes: 3 * 1024 ** 2, groups: { "read-csv": { done: 30, total: 30 } }, done: 30, total: 30 });
    expect(formatProgressLine(e)).toBe("[##########] 100% 30/30 tasks · read-csv 30/30 · 3.00 MiB spilled");
    const cut = formatProgressLine(event(), { maxLength: 30 });
    expect(cut).toHaveLength(30);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("counts an empty computation as done", () => {
    expect(formatProgressLine({ done: 0, total: 0, groups: {}, keysInMemory: 0, memoryBytes: 0, spilledBytes: 0 })).toBe("[##########] 100% 0/0 tasks");
  });

  it("ends with a summary line", () => {
    expect(formatProgressDone(event({ done: 2371 }), 3210)).toBe("[##########] 100% 2,371 tasks done in 3.2 s · 1.20 GiB in memory");
  });
});

describe("progress HTML", () => {
  it("is a <progress> element with the same words, escaped", () => {
    const html = progressHTML(event({ groups: { "<x>": { done: 1, total: 2 } } }));
    expect(html).toContain(`<progress value="52" max="100"`);
    expect(html).toContain("52% 1,234/2,371 tasks · &lt;x&gt; 1/2 · 1.20 GiB in memory");
    expect(progressDoneHTML(event(), 1000)).toContain("100% 2,371 tasks done in 1.0 s");
  });
});
