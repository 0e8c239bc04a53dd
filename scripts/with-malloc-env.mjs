// node scripts/with-malloc-env.mjs <script> [args...]: runs `node <script> [args...]` with Dusk's
// recommended glibc malloc settings (scripts/malloc-env.mjs) added to the environment; settings
// already in the environment are kept. `pnpm start` and `pnpm bench` run through it.
import { spawnSync } from "node:child_process";
import { MALLOC_ENV } from "./malloc-env.mjs";

const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...MALLOC_ENV, ...process.env },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
