/**
 * How user functions reach workers. Two ways:
 * - a function exported from a module: `dd.remote(import.meta.url, "myFn")` — the worker imports the
 *   module (it must be JavaScript the worker can import: a .js/.mjs file or a built package);
 * - a self-contained function, sent as its source text and rebuilt in the worker. It may use its
 *   arguments, its own locals and globals, but nothing captured from the scope it was written in:
 *   a captured variable does not exist in the worker, and using it fails with NOT_SHIPPABLE naming it.
 *
 * @example
 * ```ts
 * const inc = dd.delayed((x: number) => x + 1);          // sent as source
 * const load = dd.delayed(dd.remote(import.meta.url, "load")); // imported by the worker
 * ```
 */
import { DuskError } from "@dusk/core";

export type FunctionRef =
  | { readonly kind: "source"; readonly name: string; readonly source: string }
  | { readonly kind: "module"; readonly url: string; readonly name: string };

const REMOTE = Symbol.for("dusk.remote");

/** A reference to a function exported by a module, to be called in workers. */
export interface RemoteFunction<F extends (...args: never[]) => unknown = (...args: never[]) => unknown> {
  readonly [REMOTE]: { readonly url: string; readonly name: string };
  /** Phantom type of the referenced function. */
  readonly __type?: F;
}

/**
 * A function exported by a module, called in workers by importing the module.
 * @example `client.submit(dd.remote(import.meta.url, "parseFile"), "data/a.csv")`
 */
export function remote<F extends (...args: never[]) => unknown>(moduleUrl: string | URL, exportName: string): RemoteFunction<F> {
  const url = String(moduleUrl);
  if (!/^(file|data|https?):/.test(url)) {
    throw new DuskError("INVALID_ARGUMENT", `remote(${JSON.stringify(url)}, "${exportName}"): give the module as a URL, e.g. import.meta.url or pathToFileURL(path).href`);
  }
  return Object.freeze({ [REMOTE]: Object.freeze({ url, name: exportName }) });
}

export function isRemote(x: unknown): x is RemoteFunction {
  return typeof x === "object" && x !== null && REMOTE in x;
}

/** The shippable description of a function; throws NOT_SHIPPABLE for functions that cannot be sent. */
export function toFunctionRef(fn: unknown): FunctionRef {
  if (isRemote(fn)) return { kind: "module", url: fn[REMOTE].url, name: fn[REMOTE].name };
  if (typeof fn !== "function") {
    throw new DuskError("INVALID_ARGUMENT", `expected a function or dd.remote(moduleUrl, name), got ${typeof fn}`);
  }
  const name = fn.name || "anonymous";
  const src = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) {
    throw new DuskError("NOT_SHIPPABLE",
      `function ${name} is built in or bound, so its source cannot be sent to workers; wrap it in a self-contained function, e.g. (...a) => ${name}(...a) with what it needs passed as arguments`,
      { function: name });
  }
  if (/^class[\s{]/.test(src)) {
    throw new DuskError("NOT_SHIPPABLE", `${name} is a class; send a function that builds what you need instead`, { function: name });
  }
  for (const candidate of [`(${src})`, `({${src}})[${JSON.stringify(fn.name)}]`]) {
    try {
      new Function(`"use strict"; return ${candidate};`);
      return { kind: "source", name, source: candidate };
    } catch { /* try the next form */ }
  }
  throw new DuskError("NOT_SHIPPABLE", `the source of function ${name} cannot be rebuilt in a worker; export it from a module and pass dd.remote(import.meta.url, "${name}")`, { function: name });
}

const loaded = new Map<string, (...args: unknown[]) => unknown>();

/** The function a ref names, built or imported once per worker. */
export async function loadFunction(ref: FunctionRef): Promise<(...args: unknown[]) => unknown> {
  const id = ref.kind === "source" ? `s:${ref.source}` : `m:${ref.url}#${ref.name}`;
  const hit = loaded.get(id);
  if (hit) return hit;
  let fn: unknown;
  if (ref.kind === "source") {
    fn = new Function(`"use strict"; return ${ref.source};`)();
  } else {
    let mod: Record<string, unknown>;
    try { mod = (await import(ref.url)) as Record<string, unknown>; } catch (e) {
      throw new DuskError("NOT_SHIPPABLE", `a worker could not import ${ref.url} for function ${ref.name}: ${(e as Error).message}; workers import JavaScript (.js/.mjs or built packages), not TypeScript sources`, { url: ref.url }, { cause: e });
    }
    fn = mod[ref.name];
    if (typeof fn !== "function") {
      throw new DuskError("NOT_SHIPPABLE", `${ref.url} has no exported function "${ref.name}" (exports: ${Object.keys(mod).join(", ") || "none"})`, { url: ref.url });
    }
  }
  loaded.set(id, fn as (...args: unknown[]) => unknown);
  return fn as (...args: unknown[]) => unknown;
}
