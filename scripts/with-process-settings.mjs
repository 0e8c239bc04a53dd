// node scripts/with-process-settings.mjs <script> [args...]: runs `node <script> [args...]` with Dusk's
// recommended process settings (scripts/process-settings.mjs): the glibc malloc settings added to the
// environment (settings already there are kept) and the V8 flags added to node's command line.
// `pnpm start` and `pnpm bench` run through it.
import { spawnSync } from "node:child_process";
import { MALLOC_ENV, missingV8Flags } from "./process-settings.mjs";

const result = spawnSync(process.execPath, [...missingV8Flags(), ...process.execArgv, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...MALLOC_ENV, ...process.env },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
