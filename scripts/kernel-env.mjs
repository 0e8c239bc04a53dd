// Adds Dusk's recommended glibc malloc settings (scripts/malloc-env.mjs) to the environment of the
// Jupyter kernels installed under .jupyter/ (`pnpm jupyter:install` runs it after tslab install).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MALLOC_ENV } from "./malloc-env.mjs";

const kernels = join(process.cwd(), ".jupyter/share/jupyter/kernels");
if (!existsSync(kernels)) throw new Error(`no Jupyter kernels under ${kernels}: run tslab install first`);
for (const name of readdirSync(kernels)) {
  const path = join(kernels, name, "kernel.json");
  if (!existsSync(path)) continue;
  const spec = JSON.parse(readFileSync(path, "utf8"));
  spec.env = { ...MALLOC_ENV, ...spec.env };
  writeFileSync(path, `${JSON.stringify(spec, null, 1)}\n`);
}
