/**
 * Where the dashboard listens: 127.0.0.1 only. A port the user asked for must be free (else a clear
 * error naming it); without one, the default port (8787 like Dask's, or DUSK_DASHBOARD_PORT) is
 * tried first and any free port taken if it is busy.
 *
 * @example
 * ```ts
 * const { port, fellBack } = await listenLocal(server, undefined); // 8787, or a free port if taken
 * ```
 */
import type { Server } from "node:http";
import { DuskError } from "@dusk/core";

export const DASHBOARD_HOST = "127.0.0.1";
export const DEFAULT_DASHBOARD_PORT = 8787;

/** The default port: DUSK_DASHBOARD_PORT when set, else 8787. */
export function defaultDashboardPort(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.DUSK_DASHBOARD_PORT;
  if (v === undefined || v === "") return DEFAULT_DASHBOARD_PORT;
  const n = Number(v);
  checkPort(n, `DUSK_DASHBOARD_PORT=${v}`);
  return n;
}

function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DuskError("INVALID_ARGUMENT", `dashboard port must be a whole number from 0 to 65535 (0: any free port), got ${what}`, { port: what });
  }
}

function tryListen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => { server.off("listening", onListening); reject(e); };
    const onListening = (): void => {
      server.off("error", onError);
      const a = server.address();
      resolve(typeof a === "object" && a !== null ? a.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, DASHBOARD_HOST);
  });
}

/** Listens on 127.0.0.1; returns the port, and whether the default port was taken so another was used. */
export async function listenLocal(server: Server, requested: number | undefined): Promise<{ port: number; fellBack: number | null }> {
  const explicit = requested !== undefined;
  const port = requested ?? defaultDashboardPort();
  if (explicit) checkPort(port, String(requested));
  try {
    return { port: await tryListen(server, port), fellBack: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!explicit && port !== 0 && code === "EADDRINUSE") return { port: await tryListen(server, 0), fellBack: port };
    if (code === "EADDRINUSE") {
      throw new DuskError("IO_ERROR",
        `the dashboard cannot listen on ${DASHBOARD_HOST}:${port}: that port is in use (another client's dashboard, or another program). ` +
        "Pass another port, or { port: 0 } for any free one, or close what holds it",
        { port }, { cause: e });
    }
    if (code === "EACCES") {
      throw new DuskError("IO_ERROR",
        `the dashboard may not listen on ${DASHBOARD_HOST}:${port}: ports below 1024 need privileges. Pass a port from 1024 up, or { port: 0 } for any free one`,
        { port }, { cause: e });
    }
    throw new DuskError("IO_ERROR", `the dashboard cannot listen on ${DASHBOARD_HOST}:${port}: ${(e as Error).message}`, { port }, { cause: e });
  }
}
