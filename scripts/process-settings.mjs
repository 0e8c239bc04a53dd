// The process settings Dusk recommends for the processes that run it: glibc malloc settings (read by
// glibc at process start, so they must be in the environment before node starts) and V8 flags (on
// node's command line; V8 flags apply to every thread, and Node refuses this one in NODE_OPTIONS).
// See docs/performance.md, "Process settings".
// Dusk's workers are threads of one process; with glibc's defaults each thread gets its own arena,
// whose heaps are small, so a worker's large column buffers (megabytes each) are mmap'ed and unmapped
// on every allocation and free: each task touches fresh pages, and page faults from several worker
// threads of one process contend with each other. One arena, a fixed 32 MiB mmap threshold and a
// 1 GiB trim threshold keep freed buffers for reuse instead (q10 of the groupby benchmark from CSV:
// 6.7–7.3 s → 4.6–4.9 s on the 2-core machine). Memory still goes back to the system when more than
// 1 GiB lies free at the top of the heap.
export const MALLOC_ENV = Object.freeze({
  MALLOC_ARENA_MAX: "1",
  MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(1024 * 1024 * 1024),
});

/** True when every setting is in `env` (whatever its value: the user's choice wins). */
export function hasMallocEnv(env = process.env) {
  return Object.keys(MALLOC_ENV).every((k) => env[k] !== undefined);
}

/**
 * V8 flags Dusk recommends. `--no-concurrent-marking`: the old generation is marked in steps on each
 * thread instead of on helper threads. Dusk's workers keep every core busy, so the helper threads
 * only competed with them (on the 2-core machine: CSV ingest 0.93–1.07 → 0.84–0.85 s, the groupby
 * questions from Parquet Σ 7.5–7.7 → 5.6–6.0 s).
 */
export const V8_FLAGS = Object.freeze(["--no-concurrent-marking"]);

/** The recommended V8 flags `execArgv` does not have yet. */
export function missingV8Flags(execArgv = process.execArgv) {
  return V8_FLAGS.filter((f) => !execArgv.includes(f));
}
