/**
 * Worker threads run JavaScript, not TypeScript: code that starts workers or names modules for them
 * must point at built files. When the caller itself runs from TypeScript sources (tests), the built
 * twin under dist/ beside src/ is used.
 *
 * @example
 * ```ts
 * const url = builtModuleUrl("./worker/main.js", import.meta.url);
 * ```
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DuskError } from "./errors.js";

export function builtModuleUrl(relative: string, base: string): string {
  const url = new URL(relative, base);
  if (url.protocol !== "file:") return url.href;
  const path = fileURLToPath(url);
  if (existsSync(path)) return url.href;
  const dist = path.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, "$1dist$2").replace(/\.ts$/, ".js");
  if (existsSync(dist)) return pathToFileURL(dist).href;
  throw new DuskError("INTERNAL", `cannot find ${path} or its build ${dist}; run pnpm build`);
}
