/** The dashboard server on a real client (2 worker threads): the page, /state, the event stream during a computation, ports. */
import { request, type IncomingMessage } from "node:http";
import { createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as dd from "@dusk/dataframe";

interface View {
  reset: boolean;
  now: number;
  totals: { tasksDone: number; tasksErred: number; workers: number; keysInMemory: number; memoryBytes: number; spilledBytes: number };
  progress: { done: number; total: number; erred: number };
  groups: { name: string; done: number; total: number; erred: number }[];
  workers: { worker: number; keys: number; memoryBytes: number; spilledBytes: number; memoryLimit: number | null; tasksDone: number }[];
  tasks: { id: number; key: string; group: string; worker: number; start: number; end: number }[];
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { body += c; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
    }).on("error", reject).end();
  });
}

/** Collects the `view` messages of /events until stopped. */
function listen(url: string): Promise<{ res: IncomingMessage; views: View[]; stop(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL("events", url), (res) => {
      const views: View[] = [];
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        buf += c;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (block.startsWith("event: view") && data) views.push(JSON.parse(data.slice(6)) as View);
        }
      });
      resolve({ res, views, stop: () => req.destroy() });
    });
    req.on("error", (e) => { if ((e as NodeJS.ErrnoException).code !== "ECONNRESET") reject(e); });
    req.end();
  });
}

/** A delayed graph: 16 tasks of ~30 ms on the workers, then one sum (at least 240 ms on 2 workers). */
function slowGraph(): dd.Delayed<number> {
  const slow = dd.delayed(function slow(i: number) {
    const until = Date.now() + 30;
    while (Date.now() < until) { /* busy */ }
    return new Float64Array(1000).fill(i);
  });
  const sum = dd.delayed(function sum(parts: Float64Array[]) { return parts.reduce((a, p) => a + p[0], 0); });
  return sum(Array.from({ length: 16 }, (_, i) => slow(i)));
}

const clients: dd.Client[] = [];
async function start(options: dd.ClientOptions): Promise<dd.Client> {
  const c = await dd.Client.start(options);
  clients.push(c);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  vi.restoreAllMocks();
});

describe("dashboard", () => {
  it("serves the page, /state and a live event stream during a computation on 2 workers", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const client = await start({ workers: 2, dashboard: { port: 0 } });
    const board = await client.dashboard();
    expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(log.mock.calls.filter((c) => String(c[0]).startsWith("Dusk dashboard: "))).toEqual([[`Dusk dashboard: ${board.url}`]]);
    expect(await client.dashboard({ port: 0 })).toBe(board); // one per client

    const page = await get(board.url);
    expect(page.status).toBe(200);
    expect(page.type).toContain("text/html");
    expect(page.body).toContain("<title>Dusk dashboard</title>");
    expect(page.body).toContain('new EventSource("events")');
    expect(page.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // self-contained

    const first = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
    expect(first.reset).toBe(true);
    expect(first.workers.map((w) => w.worker)).toEqual([0, 1]);
    expect(first.progress).toEqual({ done: 0, total: 0, erred: 0 });

    const events = await listen(board.url);
    try {
      const t0 = Date.now();
      expect(await slowGraph().compute()).toBe(120);
      const ms = Date.now() - t0;
      await new Promise((r) => setTimeout(r, 250)); // the last, throttled update
      const views = events.views;
      expect(views[0].reset).toBe(true);
      const updates = views.slice(1);
      expect(updates.length).toBeGreaterThanOrEqual(2); // updated during the computation, not only at its end
      expect(updates.length).toBeLessThanOrEqual(Math.ceil((ms + 250) / 100) + 2); // ≤ 10 a second
      expect(updates.some((v) => v.progress.total === 17 && v.progress.done > 0 && v.progress.done < 17)).toBe(true);
      const last = views[views.length - 1];
      expect(last.progress).toEqual({ done: 17, total: 17, erred: 0 });
      expect(last.groups).toEqual([{ name: "slow", done: 16, total: 16, erred: 0 }, { name: "sum", done: 1, total: 1, erred: 0 }]);
      const tasks = updates.flatMap((v) => v.tasks);
      expect(tasks.length).toBe(17);
      expect(new Set(tasks.map((t) => t.id)).size).toBe(17);
      expect(new Set(tasks.filter((t) => t.group === "slow").map((t) => t.worker))).toEqual(new Set([0, 1]));
      for (const t of tasks.filter((x) => x.group === "slow")) expect(t.end - t.start).toBeGreaterThanOrEqual(20);
      expect(last.totals.tasksDone).toBe(17);
      expect(last.totals.workers).toBe(2);
    } finally {
      events.stop();
    }
    // the results were released: the workers report their memory emptied, without a task running
    let after = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
    for (let i = 0; i < 40 && after.totals.keysInMemory > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
    }
    expect(after.totals.keysInMemory).toBe(0);
    expect(after.totals.memoryBytes).toBe(0);
    // persisted partitions show as worker memory
    const df = dd.fromColumns({ a: Array.from({ length: 20_000 }, (_, i) => i) }, { npartitions: 4 });
    const cached = await client.persist(df);
    const held = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
    expect(held.totals.keysInMemory).toBeGreaterThanOrEqual(4);
    expect(held.workers.reduce((s, w) => s + w.memoryBytes, 0)).toBeGreaterThanOrEqual(20_000 * 8);
    expect(held.groups.length).toBeGreaterThan(0);
    void cached;

    expect((await get(new URL("nope", board.url).href)).status).toBe(404);
    expect((await get(board.url, { Host: "evil.example:80" })).status).toBe(403);
  });

  it("shows spilled bytes per worker", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const client = await start({ workers: 2, memoryLimit: "64kB", dashboard: { port: 0 } });
    const board = await client.dashboard();
    const df = dd.fromColumns({ a: Array.from({ length: 40_000 }, (_, i) => i * 0.5) }, { npartitions: 8 });
    await client.persist(df);
    const view = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
    expect(view.totals.spilledBytes).toBeGreaterThan(0);
    expect(view.workers.some((w) => w.spilledBytes > 0 && w.memoryLimit === 64_000)).toBe(true);
  });

  it("stops with its client, and can be closed and started again", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const client = await start({ workers: 2 });
    const a = await client.dashboard({ port: 0 });
    await a.close();
    await expect(get(a.url)).rejects.toThrow(/ECONNREFUSED/);
    const b = await client.dashboard({ port: 0 });
    expect(b).not.toBe(a);
    expect((await get(b.url)).status).toBe(200);
    await client.close();
    await expect(get(b.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("names a port in use that was asked for, and falls back from a busy default port", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await start({ workers: 1, scheduler: "inline", dashboard: { port } }).catch((e: unknown) => e);
      expect(dd.isDuskError(err)).toBe(true);
      expect((err as Error).message).toContain(`127.0.0.1:${port}: that port is in use`);
      expect((err as Error).message).toContain("{ port: 0 }");
      vi.stubEnv("DUSK_DASHBOARD_PORT", String(port));
      const client = await start({ scheduler: "inline", dashboard: true });
      const board = await client.dashboard();
      expect(board.port).not.toBe(port);
      expect(log).toHaveBeenCalledWith(`Dusk dashboard: ${board.url} (port ${port} was taken)`);
      expect(await dd.delayed((x: number) => x + 1)(1).compute()).toBe(2);
      const view = JSON.parse((await get(new URL("state", board.url).href)).body) as View;
      expect(view.workers).toHaveLength(1);
      expect(view.totals.tasksDone).toBe(1);
      await expect(start({ scheduler: "inline", dashboard: { port: 70_000 } })).rejects.toThrow(/0 to 65535/);
    } finally {
      vi.unstubAllEnvs();
      blocker.close();
    }
  });
});
