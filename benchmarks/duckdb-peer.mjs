// DuckDB, the benchmarks' peer, in a child process of its own: each engine runs as its users run it,
// with its own memory. In the same process the two would share one glibc heap (and Dusk's malloc
// settings, scripts/process-settings.mjs, would apply to DuckDB's threads too): memory one engine freed
// went to the other and back to the system between questions, so both paid for fresh pages on
// every repetition, by turns. The child runs with the environment minus those settings, and without
// Dusk's V8 flags.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MALLOC_ENV, V8_FLAGS } from "../scripts/process-settings.mjs";

const CHILD = fileURLToPath(new URL("./duckdb-child.mjs", import.meta.url));

/**
 * A DuckDB connection (in-memory database) in a child process. `run(sql)` resolves to the seconds
 * the statement took, timed in the child; `rows(sql)` to its result as plain objects.
 */
export async function duckdbPeer() {
  const env = { ...process.env };
  for (const k of Object.keys(MALLOC_ENV)) delete env[k];
  const execArgv = process.execArgv.filter((a) => !V8_FLAGS.includes(a));
  const child = fork(CHILD, [], { env, execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = [];
  let failed = null;
  child.on("message", (m) => {
    const w = waiting.shift();
    if (m.error !== undefined) w?.reject(new Error(`DuckDB: ${m.error}`));
    else w?.resolve(m);
  });
  child.on("exit", (code) => {
    failed = new Error(`the DuckDB peer process exited (code ${code})`);
    for (const w of waiting.splice(0)) w.reject(failed);
  });
  const ask = (msg) => new Promise((resolve, reject) => {
    if (failed) { reject(failed); return; }
    waiting.push({ resolve, reject });
    child.send(msg);
  });
  await ask({ op: "open" });
  return {
    run: async (sql) => (await ask({ op: "run", sql })).seconds,
    rows: async (sql) => (await ask({ op: "rows", sql })).rows,
    close: async () => {
      if (failed) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.send({ op: "close" });
      await gone;
    },
  };
}
