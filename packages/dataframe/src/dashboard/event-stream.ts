/**
 * Server-sent events to the open dashboard pages, throttled: changes are batched into at most one
 * message per `intervalMs` (100 ms: ≤ 10 updates a second however fast tasks finish), built once
 * and written to every page; while pages are open, the view is also re-sent every second (worker
 * memory changes without engine events when results are dropped). A new page first gets the whole view. Timers and sockets are unref'd:
 * an open page never keeps a script from exiting.
 *
 * @example
 * ```ts
 * const stream = new EventStream(() => JSON.stringify(state.snapshot()), () => JSON.stringify(state.update()), () => state.skipUpdate());
 * stream.add(req, res);   // on GET /events
 * stream.poke();          // on every engine event
 * ```
 */
import type { IncomingMessage, ServerResponse } from "node:http";

const HEARTBEAT_MS = 15_000;
/** Figures that change without an engine event (workers report memory after dropping results) are re-sent this often. */
const REFRESH_MS = 1_000;

export class EventStream {
  private readonly pages = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly refresh: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly whole: () => string,
    private readonly update: () => string,
    private readonly skip: () => void,
    private readonly intervalMs = 100,
  ) {
    this.heartbeat = setInterval(() => { for (const p of this.pages) p.write(": ping\n\n"); }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.refresh = setInterval(() => { if (this.pages.size > 0) this.poke(); }, REFRESH_MS);
    this.refresh.unref();
  }

  get size(): number { return this.pages.size; }

  add(req: IncomingMessage, res: ServerResponse): void {
    if (this.closed) { res.writeHead(503).end(); return; }
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    req.socket.setNoDelay(true);
    res.write(`retry: 1000\n\n${message(this.whole())}`);
    this.pages.add(res);
    req.on("close", () => this.pages.delete(res));
  }

  /** Something changed: send an update within `intervalMs`. */
  poke(): void {
    if (this.timer !== null || this.closed) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  private flush(): void {
    this.timer = null;
    this.last = Date.now();
    if (this.pages.size === 0) { this.skip(); return; }
    const m = message(this.update());
    for (const p of this.pages) p.write(m);
  }

  /** Sends what is pending, then ends every stream. */
  close(): void {
    if (this.closed) return;
    if (this.timer !== null) { clearTimeout(this.timer); this.flush(); }
    this.closed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.refresh);
    for (const p of this.pages) p.end();
    this.pages.clear();
  }
}

function message(json: string): string {
  return `event: view\ndata: ${json}\n\n`;
}
