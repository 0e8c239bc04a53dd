/**
 * Starts a client's live dashboard (see `Client.dashboard` and `ClientOptions.dashboard`): observes
 * the client's engine, serves the page on 127.0.0.1, prints its address once, and stops when the
 * client closes. Registered with the scheduler when `@dusk/dataframe` is imported.
 *
 * @example
 * ```ts
 * const client = await dd.Client.start({ workers: 2, dashboard: true }); // prints "Dusk dashboard: http://127.0.0.1:8787/"
 * const board = await client.dashboard(); // the same dashboard: { url, port, close() }
 * const view = await (await fetch(new URL("state", board.url))).json(); // what the page shows, as JSON
 * ```
 */
import { registerDashboard, type Client, type DashboardHandle, type DashboardOptions } from "@dusk/scheduler";
import { EventStream } from "./event-stream.js";
import { DASHBOARD_HOST, listenLocal } from "./listen.js";
import { dashboardServer } from "./server.js";
import { DashboardState } from "./state.js";

export async function startDashboard(client: Client, options: DashboardOptions = {}): Promise<DashboardHandle> {
  const { engine } = client;
  const state = new DashboardState({
    stateOf: (key) => engine.scheduler.stateOf(key),
    workerStats: () => engine.backend.workerStats?.() ?? [],
  });
  const stream = new EventStream(
    () => JSON.stringify(state.snapshot()),
    () => JSON.stringify(state.update()),
    () => state.skipUpdate(),
  );
  const server = dashboardServer(() => state.snapshot(), stream);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      stopObserving();
      stream.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const stopObserving = engine.observe({
    event: (e) => { state.handle(e); stream.poke(); },
    closed: () => { void close(); },
  });
  let port: number;
  let fellBack: number | null;
  try {
    ({ port, fellBack } = await listenLocal(server, options.port));
  } catch (e) {
    stopObserving();
    stream.close();
    throw e;
  }
  server.unref(); // an open dashboard never keeps a script from exiting
  const url = `http://${DASHBOARD_HOST}:${port}/`;
  console.log(`Dusk dashboard: ${url}${fellBack !== null ? ` (port ${fellBack} was taken)` : ""}`);
  return { url, port, close };
}

registerDashboard(startDashboard);
