/**
 * An updatable display entry of a running tslab kernel (tslab's `newDisplay()`: each later call
 * replaces the entry's content through Jupyter's `update_display_data`), found the way
 * `display/notebook.ts` finds tslab's display: through Node's require cache, never importing tslab.
 * Answers null outside a kernel.
 *
 * @example
 * ```ts
 * const d = updatingDisplay();
 * d?.html("<progress value=1 max=2></progress>"); // shows
 * d?.html("done");                                 // replaces it
 * ```
 */
import { tslabPublic } from "../display/notebook.js";

/** One display entry; `html` replaces what it showed before. */
export interface UpdatingDisplay {
  html(html: string): void;
}

export function updatingDisplay(): UpdatingDisplay | null {
  const tslab = tslabPublic();
  if (typeof tslab?.newDisplay !== "function") return null;
  try {
    return tslab.newDisplay();
  } catch {
    return null; // not a usable tslab
  }
}
