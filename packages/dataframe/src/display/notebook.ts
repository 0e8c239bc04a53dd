/**
 * Finds the display of a running tslab kernel, without importing tslab: when this process is a
 * tslab kernel, tslab's modules are already in Node's require cache, and its public `display`
 * sits beside them. Outside a kernel nothing is loaded and this answers null at once.
 *
 * @example
 * ```ts
 * const nb = notebookDisplay();
 * if (nb) nb.html("<b>hi</b>"); else console.log("hi");
 * ```
 */
import { createRequire } from "node:module";

/** The part of tslab's display Dusk uses. */
export interface NotebookDisplay {
  html(html: string): void;
}

const require = createRequire(import.meta.url);
const TSLAB_MODULE = /[\\/]tslab[\\/]dist[\\/](?:main|jupyter|public)\.js$/;

/** tslab's public module when this process is a tslab kernel (found in the require cache), else null. */
export function tslabPublic(): { display?: NotebookDisplay; newDisplay?: () => NotebookDisplay } | null {
  for (const path of Object.keys(require.cache)) {
    if (!TSLAB_MODULE.test(path)) continue;
    try {
      return require(path.replace(/(?:main|jupyter|public)\.js$/, "public.js")) as { display?: NotebookDisplay; newDisplay?: () => NotebookDisplay };
    } catch {
      // not a usable tslab: look further
    }
  }
  return null;
}

export function notebookDisplay(): NotebookDisplay | null {
  const tslab = tslabPublic();
  return typeof tslab?.display?.html === "function" ? tslab.display : null;
}
