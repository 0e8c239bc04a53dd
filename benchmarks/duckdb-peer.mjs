// DuckDB, the benchmarks' peer, in a child process of its own (see peer-process.mjs for why).
import { fileURLToPath } from "node:url";
import { startPeerProcess } from "./peer-process.mjs";

const CHILD = fileURLToPath(new URL("./duckdb-child.mjs", import.meta.url));

/**
 * A DuckDB connection (in-memory database) in a child process. `run(sql)` resolves to the seconds
 * the statement took, timed in the child; `timed(sql)` to `{ seconds, cpuSeconds, peakRss }` (the
 * child's CPU time over all its threads, and its peak resident bytes during the statement);
 * `rows(sql)` to its result as plain objects.
 */
export async function duckdbPeer() {
  const peer = startPeerProcess(CHILD, "DuckDB");
  await peer.ask({ op: "open" });
  return {
    run: async (sql) => (await peer.ask({ op: "run", sql })).seconds,
    timed: (sql) => peer.ask({ op: "run", sql }),
    rows: async (sql) => (await peer.ask({ op: "rows", sql })).rows,
    close: peer.close,
  };
}
