/**
 * Reading one block of a JSON read (in a worker): fetch its bytes by the newline rule and parse the
 * lines into a Batch of the requested columns.
 *
 * A block that starts mid-file does not know its first line number; only when it has something to
 * report (an error, or lines dropped under `onBadLines: "warn"`) are the line feeds before it
 * counted, so the message names the true line.
 *
 * @example
 * ```ts
 * const plan = planJsonRead("logs/x.ndjson", { blocksize: "16MB" });
 * const batch = await readJsonBlock(plan.blocks[1], plan.read, ["ts", "user.id"]);
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import type { FileSystem } from "../fs/filesystem.js";
import { fileSystemFor } from "../fs/registry.js";
import { readWholeFile } from "../fs/whole-file.js";
import { LineFault } from "./errors.js";
import { parseJsonLines } from "./parse-lines.js";
import type { JsonBlock, JsonReadSpec } from "./read-plan.js";

const LF = 10;
const TAIL_STEP = 1 << 16;
const COUNT_STEP = 1 << 24;

/** The whole file, decompressed when gzip. */
const wholeFile = (fs: FileSystem, block: JsonBlock): Promise<Uint8Array[]> =>
  readWholeFile(fs, block.path, block.gzip, (message, cause) =>
    new DuskError("JSON_PARSE_ERROR", `${message}; pass compression: null if it is plain text`, { file: block.path }, { cause }));

/** Bytes from `from` up to and including the first line feed (or to the end of the file). */
async function tailToLineBreak(fs: FileSystem, block: JsonBlock, from: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let pos = from; pos < block.size; pos += TAIL_STEP) {
    const b = await fs.read(block.path, pos, Math.min(block.size, pos + TAIL_STEP));
    const i = b.indexOf(LF);
    if (i >= 0) { out.push(b.subarray(0, i + 1)); return out; }
    out.push(b);
    if (b.length === 0) break;
  }
  return out;
}

/** Line feeds in the file before byte `at`. */
async function linesBefore(fs: FileSystem, path: string, at: number): Promise<number> {
  let n = 0;
  for (let pos = 0; pos < at; pos += COUNT_STEP) {
    const b = await fs.read(path, pos, Math.min(at, pos + COUNT_STEP));
    for (let i = b.indexOf(LF); i >= 0; i = b.indexOf(LF, i + 1)) n++;
  }
  return n;
}

/**
 * The chunks as parts that each hold whole lines: the first chunk up to its last line feed as it
 * is (no copy), the rest joined (a line may run from one chunk into the next).
 */
function wholeLines(chunks: readonly Uint8Array[]): Uint8Array[] {
  if (chunks.length <= 1) return [...chunks];
  const out: Uint8Array[] = [];
  let carry: Uint8Array[] = [];
  for (const c of chunks) {
    const lf = c.lastIndexOf(LF);
    if (lf < 0) { carry.push(c); continue; }
    const head = c.subarray(0, lf + 1);
    out.push(carry.length === 0 ? head : Buffer.concat([...carry, head]));
    carry = lf + 1 < c.length ? [c.subarray(lf + 1)] : [];
  }
  if (carry.length > 0) out.push(carry.length === 1 ? carry[0] : Buffer.concat(carry));
  return out;
}

/**
 * The lines of one block as a Batch of `columns` (their order; every column of the read when null).
 * Throws `JSON_PARSE_ERROR` (bad line, bad UTF-8), `SCHEMA_MISMATCH` (a value its column's dtype
 * cannot hold, a key the schema lacks) naming the file and the line.
 */
export async function readJsonBlock(block: JsonBlock, read: JsonReadSpec, columns: readonly string[] | null = null): Promise<Batch> {
  const fs = fileSystemFor(block.path, read.storageOptions);
  let chunks: Uint8Array[];
  let begin = 0; // file position of the first byte of chunks (0 for whole files)
  if (block.whole) {
    chunks = await wholeFile(fs, block);
  } else {
    const tail = block.end < block.size ? tailToLineBreak(fs, block, block.end) : Promise.resolve([]);
    tail.catch(() => undefined);
    const body = await fs.read(block.path, block.start, block.end);
    let skip = 0;
    const lf = block.index > 0 ? body.indexOf(LF) : 0;
    if (lf < 0) {
      chunks = []; // no line starts in this block
    } else {
      if (block.index > 0) skip = lf + 1;
      chunks = [body.subarray(skip), ...(await tail)];
    }
    begin = block.start + skip;
  }
  let base: number | null = begin === 0 ? 1 : null;
  const lineOf = async (rel: number): Promise<number> => {
    base ??= (await linesBefore(fs, block.path, begin)) + 1;
    return base + rel;
  };

  const ctx = {
    file: block.path, sampledFile: read.sampledFile, columns: read.schema.columns,
    selected: read.json.columns !== null, onBadLines: read.json.onBadLines,
  };
  try {
    const { batch, dropped } = parseJsonLines(wholeLines(chunks), ctx, columns ?? read.schema.columns.map((c) => c.name), begin === 0);
    if (read.json.onBadLines === "warn") for (const d of dropped) console.warn(d.message(await lineOf(d.rel)));
    return batch;
  } catch (e) {
    if (e instanceof LineFault) throw e.build(await lineOf(e.rel));
    throw e;
  }
}
