/**
 * The dashboard's HTTP routes (node:http, on 127.0.0.1 only): `/` the page, `/state` the whole view
 * as JSON, `/events` the live updates as server-sent events. Requests naming another host are
 * refused, so a web page elsewhere cannot read the dashboard through a rebound DNS name.
 *
 * @example
 * ```ts
 * const server = dashboardServer(() => state.snapshot(), stream);
 * await listenLocal(server, 0);
 * ```
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { EventStream } from "./event-stream.js";
import { dashboardPage } from "./page.js";
import type { DashboardView } from "./state.js";

const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;

function localHost(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? "").toLowerCase();
  const name = host.replace(/:\d+$/, "");
  return name === "127.0.0.1" || name === "localhost";
}

export function dashboardServer(snapshot: () => DashboardView, stream: EventStream): Server {
  const page = dashboardPage();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!localHost(req)) { res.writeHead(403, { "Content-Type": "text/plain" }).end("the Dusk dashboard answers only to 127.0.0.1 and localhost\n"); return; }
    if (req.method !== "GET" && req.method !== "HEAD") { res.writeHead(405, { Allow: "GET, HEAD" }).end(); return; }
    const path = (req.url ?? "/").split("?")[0];
    switch (path) {
      case "/": case "/index.html":
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", ...SECURITY_HEADERS }).end(req.method === "HEAD" ? undefined : page);
        return;
      case "/state":
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...SECURITY_HEADERS })
          .end(req.method === "HEAD" ? undefined : JSON.stringify(snapshot()));
        return;
      case "/events":
        stream.add(req, res);
        return;
      default:
        res.writeHead(404, { "Content-Type": "text/plain" }).end(`no such page: ${path} (try / , /state or /events)\n`);
    }
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket) => socket.unref()); // an open page or kept-alive connection never keeps a script running
  return server;
}
