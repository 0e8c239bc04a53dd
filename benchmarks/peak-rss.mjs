// Peak resident memory of this process while something runs: sampled every `intervalMs` on the
// event loop (worker threads live in the process, so Dusk's workers count; a peer in a child
// process samples its own). Samples need a free event loop: for work that blocks it, read
// `process.resourceUsage().maxRSS` (the process's lifetime peak) instead.

/** Starts sampling; `stop()` ends it and returns the peak in bytes. */
export function peakRssSampler(intervalMs = 20) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, intervalMs);
  return { stop() { clearInterval(timer); return Math.max(peak, process.memoryUsage.rss()); } };
}

/** Bytes as MB (10^6), for result tables. */
export const mb = (bytes) => bytes / 1e6;
