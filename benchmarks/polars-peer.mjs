// polars (nodejs-polars: the Rust engine behind Python's polars, with a Node binding) as the CSV
// ingest peer, in a child process of its own (see peer-process.mjs for why). Its thread pool is
// sized once, when the child starts (POLARS_MAX_THREADS), so each thread count is its own child.
import { fileURLToPath } from "node:url";
import { startPeerProcess } from "./peer-process.mjs";

const CHILD = fileURLToPath(new URL("./polars-child.mjs", import.meta.url));

/**
 * polars with `threads` threads in a child process. `readCsv(path)` reads the whole file into a
 * DataFrame (polars' defaults, as its users call it) and resolves to the seconds it took (timed in
 * the child), the child's CPU seconds over all threads meanwhile (`cpuSeconds`), the child's peak
 * resident bytes so far (`peakRss`), its row count (`rows`) and the sums of `sumColumns` (`sums`),
 * for checking against ours.
 */
export function polarsPeer(threads) {
  const peer = startPeerProcess(CHILD, "polars", { POLARS_MAX_THREADS: String(threads) });
  return {
    readCsv: (path, sumColumns) => peer.ask({ op: "readCsv", path, sumColumns }),
    /** The library's version and its thread pool's size. */
    info: () => peer.ask({ op: "info" }),
    close: peer.close,
  };
}
