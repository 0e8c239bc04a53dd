/**
 * Frees dropped shared memory in time. V8 starts a full garbage collection once the ArrayBuffers
 * made since the last one pass a limit (64 MB in V8 11), but SharedArrayBuffers are not counted: a
 * thread that mostly makes or receives shared memory (results sent between workers, or delivered to
 * the calling thread) never triggers a collection by it, and the shared buffers it dropped are
 * freed only when something else happens to start one. In a shuffle that left gigabytes of dead
 * shared memory resident (a loop making 2.6 MB shared arrays and keeping the last 60: 20.9 GB).
 *
 * So each thread counts the shared bytes it makes or receives ({@link noteShared}: a worker's result
 * store counts every value it takes in, made there or fetched, and every shared copy it makes; the
 * calling thread counts what workers send it);
 * after every `every` bytes it makes and drops an ordinary ArrayBuffer larger than V8's limit,
 * whose pages are never written (glibc maps an allocation that large fresh, already zero, so it
 * costs no resident memory): V8 counts it and starts a collection, which frees the shared buffers
 * no isolate references any more (the same loop: 0.53 GB).
 *
 * @example
 * ```ts
 * noteShared(valueFromAnotherThread); // may start a garbage collection
 * ```
 */

/** Shared bytes between two collections a thread starts; its own share of a shuffle, roughly. */
export const SHARED_BYTES_PER_COLLECTION = 256 * 2 ** 20;
/** The ArrayBuffer made and dropped to start a collection: twice V8's 64 MB limit. */
const KICK_BYTES = 128 * 2 ** 20;

/** Keeps the last kick reachable until the next statement drops it (so no compiler elides it). */
let kick: ArrayBuffer | null = null;

/** Makes V8 start a garbage collection soon, without touching memory. */
export function startGarbageCollection(): void {
  kick = new ArrayBuffer(KICK_BYTES);
  kick = null;
}

export class SharedMemoryCollector {
  private since = 0;
  /** Collections started so far. */
  started = 0;

  constructor(private readonly every = SHARED_BYTES_PER_COLLECTION, private readonly start: () => void = startGarbageCollection) {}

  /** `bytes` of shared memory were made in or received by this thread. */
  add(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every) return;
    this.since = 0;
    this.started++;
    this.start();
  }
}

/** This thread's count (each worker thread loads its own copy of this module). */
const thisThread = new SharedMemoryCollector();

/** Counts the shared memory `v` holds as made in or received by this thread. */
export function noteShared(v: unknown): void {
  thisThread.add(sharedBytesOf(v));
}

/**
 * Bytes of the SharedArrayBuffers `v` reaches through plain objects, arrays and typed arrays
 * (each buffer once); other objects are not entered.
 */
export function sharedBytesOf(v: unknown, seen = new Set<object>()): number {
  if (v === null || typeof v !== "object" || seen.has(v)) return 0;
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    const b = v.buffer;
    if (!(b instanceof SharedArrayBuffer) || seen.has(b)) return 0;
    seen.add(b);
    return b.byteLength;
  }
  if (v instanceof SharedArrayBuffer) return v.byteLength;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += sharedBytesOf(x, seen);
    return n;
  }
  const p = Object.getPrototypeOf(v);
  if (p !== Object.prototype && p !== null) return 0;
  for (const k of Object.keys(v)) n += sharedBytesOf((v as Record<string, unknown>)[k], seen);
  return n;
}
