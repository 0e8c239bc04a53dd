/**
 * Runs a computation with a progress display: the caller's `onProgress` when given (then Dusk
 * shows nothing itself), else the default reporter of this environment (see `defaultReporter`),
 * finished on success and cleared on failure.
 *
 * @example
 * ```ts
 * const values = await withProgress(options, (onProgress) => client.compute(tasks, outputs, { ...options, onProgress }));
 * ```
 */
import type { ProgressEvent } from "@dusk/scheduler";
import { defaultReporter, type ReporterEnvironment } from "./default-reporter.js";

export async function withProgress<T>(
  options: { readonly onProgress?: (p: ProgressEvent) => void },
  run: (onProgress: ((p: ProgressEvent) => void) | undefined) => Promise<T>,
  env: ReporterEnvironment = {},
): Promise<T> {
  if (options.onProgress) return run(options.onProgress);
  const reporter = defaultReporter(env);
  if (!reporter) return run(undefined);
  let result: T;
  try {
    result = await run((e) => reporter.update(e));
  } catch (e) {
    reporter.fail();
    throw e;
  }
  reporter.finish();
  return result;
}
