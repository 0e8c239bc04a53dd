/**
 * Where a computation's progress shows when the caller passed no `onProgress`: nowhere when
 * `dd.config.set({ progress: false })`; an updating HTML bar inside a tslab notebook; a one-line
 * bar on stderr when stderr is a terminal; nowhere otherwise (CI logs, pipes, files).
 *
 * @example
 * ```ts
 * const r = defaultReporter();            // decides for this process
 * const t = defaultReporter({ stream: { isTTY: true, write: (s) => out.push(s) }, notebook: null });
 * ```
 */
import { config } from "../config.js";
import { notebookProgress } from "./notebook-bar.js";
import type { ProgressReporter, ProgressTiming } from "./reporter.js";
import { terminalProgress, type ProgressStream } from "./terminal.js";
import { updatingDisplay, type UpdatingDisplay } from "./updating-display.js";

export interface ReporterEnvironment {
  /** The terminal stream (default process.stderr). */
  readonly stream?: ProgressStream;
  /** The notebook's display, null for none (default: the running tslab kernel's, if any). */
  readonly notebook?: (() => UpdatingDisplay | null) | null;
  /** Overrides `config.get().progress`. */
  readonly enabled?: boolean;
  readonly timing?: ProgressTiming;
}

/** The reporter for this environment, or null when nothing should show. */
export function defaultReporter(env: ReporterEnvironment = {}): ProgressReporter | null {
  if (!(env.enabled ?? config.get().progress ?? true)) return null;
  const findNotebook = env.notebook === undefined ? updatingDisplay : env.notebook;
  const nb = findNotebook?.() ?? null;
  if (nb) return notebookProgress(nb, env.timing);
  const stream = env.stream ?? process.stderr;
  return stream.isTTY === true ? terminalProgress(stream, env.timing) : null;
}
