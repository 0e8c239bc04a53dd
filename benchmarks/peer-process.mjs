// A benchmark peer (DuckDB, polars) in a child process of its own: each engine runs as its users run
// it, with its own memory. In the same process the engines would share one glibc heap (and Dusk's
// malloc settings, scripts/process-settings.mjs, would apply to the peer's threads too): memory one
// engine freed went to the other and back to the system between questions, so both paid for fresh
// pages on every repetition, by turns. The child runs with the environment minus those settings
// (plus `env`), and without Dusk's V8 flags.
import { fork } from "node:child_process";
import { MALLOC_ENV, V8_FLAGS } from "../scripts/process-settings.mjs";

/**
 * Starts `childFile` (a module answering each message with one message: `{ error }` on failure).
 * `ask(msg)` resolves to the answer; `close()` sends `{ op: "close" }` and waits for the exit.
 */
export function startPeerProcess(childFile, name, env = {}) {
  const childEnv = { ...process.env };
  for (const k of Object.keys(MALLOC_ENV)) delete childEnv[k];
  Object.assign(childEnv, env);
  const execArgv = process.execArgv.filter((a) => !V8_FLAGS.includes(a));
  const child = fork(childFile, [], { env: childEnv, execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = [];
  let failed = null;
  child.on("message", (m) => {
    const w = waiting.shift();
    if (m.error !== undefined) w?.reject(new Error(`${name}: ${m.error}`));
    else w?.resolve(m);
  });
  child.on("exit", (code) => {
    failed = new Error(`the ${name} peer process exited (code ${code})`);
    for (const w of waiting.splice(0)) w.reject(failed);
  });
  return {
    ask: (msg) => new Promise((resolve, reject) => {
      if (failed) { reject(failed); return; }
      waiting.push({ resolve, reject });
      child.send(msg);
    }),
    close: async () => {
      if (failed) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.send({ op: "close" });
      await gone;
    },
  };
}
