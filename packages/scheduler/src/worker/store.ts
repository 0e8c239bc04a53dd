/**
 * A worker's results: held in memory up to a limit, then spilled to disk, least recently used
 * first, and read back on demand. Results pinned by a running task are never spilled. A spill
 * file's first byte names the codec that wrote it (255: the generic codec). A result read back
 * keeps its file: spilling it again only drops it from memory (results never change), which
 * matters when tasks take turns reading more spilled results than fit (a shuffle's gathers).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuskError } from "@dusk/core";
import { genericCodec, type Codec } from "../codec.js";
import { noteShared } from "../shared-memory-gc.js";

interface Entry {
  /** The result while in memory (see inMemory). */
  value: unknown;
  inMemory: boolean;
  nbytes: number;
  /** Its spill file, once written (kept while the result is back in memory). */
  file: string | null;
  pins: number;
}

export interface StoreStats {
  readonly keys: number;
  readonly memoryBytes: number;
  readonly spilledBytes: number;
  readonly spilledKeys: number;
}

const GENERIC_TAG = 255;

export class ResultStore {
  /** Map order = least recently used first (entries are re-inserted when used). */
  private readonly entries = new Map<string, Entry>();
  private memory = 0;
  private spilled = 0;
  private spilledKeys = 0;
  private fileSeq = 0;
  /** Spill files written so far (a result spilled again after a read-back writes none). */
  filesWritten = 0;
  private dirMade = false;

  constructor(
    private readonly codecs: readonly Codec[],
    /** Bytes held in memory before spilling starts (Infinity: never spill). */
    readonly memoryLimit: number,
    /** Where spill files go; null: never spill. */
    private readonly spillDir: string | null,
    /** Told each key whose value just went to disk. */
    private readonly onSpill: (key: string) => void = () => {},
  ) {}

  has(key: string): boolean { return this.entries.has(key); }

  private codecIndex(v: unknown): number {
    for (let i = 0; i < this.codecs.length; i++) if (this.codecs[i].handles(v)) return i;
    return GENERIC_TAG;
  }

  private codec(tag: number): Codec { return tag === GENERIC_TAG ? genericCodec : this.codecs[tag]; }

  sizeOf(value: unknown): number { return this.codec(this.codecIndex(value)).sizeOf(value); }

  share(value: unknown): unknown { return this.codec(this.codecIndex(value)).share(value); }

  /** Stores a result, then spills (least recently used first) while over the limit. */
  put(key: string, value: unknown, nbytes: number): void {
    noteShared(value); // made here or fetched: V8 does not count its shared memory itself
    this.remove(key);
    this.entries.set(key, { value, inMemory: true, nbytes, file: null, pins: 0 });
    this.memory += nbytes;
    this.maybeSpill();
  }

  /** The value (read back from disk if spilled), marked as recently used; undefined when absent. */
  get(key: string): unknown {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    if (!e.inMemory) this.unspill(e);
    return e.value;
  }

  /** Swaps the in-memory value of a key for an equivalent one (its shared-memory copy), keeping the accounting. */
  replace(key: string, value: unknown): void {
    const e = this.entries.get(key);
    if (!e || !e.inMemory || e.value === value) return;
    noteShared(value);
    e.value = value;
  }

  /** Keeps a value in memory while a task uses it. */
  pin(key: string): void { const e = this.entries.get(key); if (e) e.pins++; }
  unpin(key: string): void {
    const e = this.entries.get(key);
    if (e && e.pins > 0) e.pins--;
    this.maybeSpill();
  }

  remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    if (e.file !== null) rmSync(e.file, { force: true });
    if (e.inMemory) {
      this.memory -= e.nbytes;
    } else {
      this.spilled -= e.nbytes;
      this.spilledKeys--;
    }
  }

  stats(): StoreStats {
    return { keys: this.entries.size, memoryBytes: this.memory, spilledBytes: this.spilled, spilledKeys: this.spilledKeys };
  }

  /** Removes everything, spill files and directory included. */
  clear(): void {
    for (const k of [...this.entries.keys()]) this.remove(k);
    if (this.spillDir !== null && this.dirMade) rmSync(this.spillDir, { recursive: true, force: true });
    this.dirMade = false;
  }

  private maybeSpill(): void {
    if (this.memory <= this.memoryLimit || this.spillDir === null) return;
    const target = this.memoryLimit * 0.7; // spill down to 70 % of the limit
    for (const [key, e] of this.entries) {
      if (this.memory <= target) break;
      if (e.inMemory && e.pins === 0) this.spill(key, e);
    }
  }

  private spill(key: string, e: Entry): void {
    if (e.file === null) e.file = this.write(key, e.value);
    e.value = undefined;
    e.inMemory = false;
    this.memory -= e.nbytes;
    this.spilled += e.nbytes;
    this.spilledKeys++;
    this.onSpill(key);
  }

  /** Writes `value` to a new spill file; returns its path. */
  private write(key: string, value: unknown): string {
    if (!this.dirMade) { mkdirSync(this.spillDir!, { recursive: true }); this.dirMade = true; }
    const file = join(this.spillDir!, `${++this.fileSeq}.spill`);
    this.filesWritten++;
    try {
      const tag = this.codecIndex(value);
      const body = this.codec(tag).serialize(value);
      const bytes = new Uint8Array(body.length + 1);
      bytes[0] = tag;
      bytes.set(body, 1);
      writeFileSync(file, bytes);
    } catch (err) {
      rmSync(file, { force: true });
      throw new DuskError("IO_ERROR", `could not spill result ${key} to ${file}: ${(err as Error).message}; free disk space or raise memoryLimit`,
        { key, file }, { cause: err });
    }
    return file;
  }

  private unspill(e: Entry): void {
    const bytes = readFileSync(e.file!);
    e.value = this.codec(bytes[0]).deserialize(bytes.subarray(1));
    e.inMemory = true;
    this.spilled -= e.nbytes;
    this.spilledKeys--;
    this.memory += e.nbytes;
    e.pins++; // do not spill it straight back
    this.maybeSpill();
    e.pins--;
  }
}
