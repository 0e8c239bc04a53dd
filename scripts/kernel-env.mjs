// Gives the Jupyter kernels installed under .jupyter/ (`pnpm jupyter:install` runs this after tslab
// install) Dusk's recommended process settings (scripts/process-settings.mjs): the glibc malloc
// settings in their environment, and the V8 flags on node's command line (Node refuses them in
// NODE_OPTIONS), so a kernel runs node with the flags on tslab's script instead of tslab's shim.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MALLOC_ENV, V8_FLAGS } from "./process-settings.mjs";

const kernels = join(process.cwd(), ".jupyter/share/jupyter/kernels");
if (!existsSync(kernels)) throw new Error(`no Jupyter kernels under ${kernels}: run tslab install first`);
const tslab = join(process.cwd(), "node_modules/tslab/bin/tslab");
if (!existsSync(tslab)) throw new Error(`${tslab} is missing: run pnpm install first`);
for (const name of readdirSync(kernels)) {
  const path = join(kernels, name, "kernel.json");
  if (!existsSync(path)) continue;
  const spec = JSON.parse(readFileSync(path, "utf8"));
  spec.env = { ...MALLOC_ENV, ...spec.env };
  // the arguments after tslab's shim or script, whichever the spec runs (this script may run again)
  const at = spec.argv.findIndex((a) => a.endsWith("/tslab"));
  if (at < 0) throw new Error(`${path}: no tslab in its argv ${JSON.stringify(spec.argv)}`);
  spec.argv = [process.execPath, ...V8_FLAGS, tslab, ...spec.argv.slice(at + 1)];
  writeFileSync(path, `${JSON.stringify(spec, null, 1)}\n`);
}
