// Builds dist/ once before the tests: scripts under examples/ and worker threads run the built
// JavaScript, not the TypeScript sources. tsc -b is incremental, so this is quick when up to date.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  if (process.env.DUSK_SKIP_BUILD === "1") return; // for quick local runs that need no dist/
  const root = fileURLToPath(new URL(".", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-b", "packages/dataframe", "packages/testing"], {
    cwd: root,
    stdio: "inherit",
  });
}
