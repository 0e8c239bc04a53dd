// Engine benchmarks: per-task overhead, 1 → N worker scaling, memory of a wide tree reduction.
import * as dd from "@dusk/dataframe";

const fixtures = new URL("./fixtures.mjs", import.meta.url).href;

/** A reduction tree of no-op tasks: `leaves` leaves, combined `fan` at a time. */
function noopTree(leaves, fan) {
  const tasks = [];
  let level = [];
  for (let i = 0; i < leaves; i++) { const key = `leaf-${i}`; tasks.push({ key, op: "noop", params: null, deps: [], priority: 0 }); level.push(key); }
  for (let d = 0; level.length > 1; d++) {
    const next = [];
    for (let i = 0; i < level.length; i += fan) {
      const key = `node-${d}-${next.length}`;
      tasks.push({ key, op: "noop", params: null, deps: level.slice(i, i + fan) });
      next.push(key);
    }
    level = next;
  }
  // depth-first priorities, as graph/order.ts gives dataframe graphs
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  let p = 0;
  const visit = (k) => { const t = byKey.get(k); for (const d of t.deps) visit(d); t.priority = p++; };
  visit(level[0]);
  return { tasks, root: level[0] };
}

export async function taskOverhead({ repeat }) {
  const rows = [];
  for (const [scheduler, workers] of [["inline", 1], ["threads", 2]]) {
    const client = await dd.Client.start({ scheduler, workers });
    const { tasks, root } = noopTree(100_000, 100);
    await client.compute(noopTree(2_000, 100).tasks, ["node-1-0"]); // warm up
    const times = [];
    for (let r = 0; r < repeat; r++) {
      const t0 = performance.now();
      await client.compute(tasks, [root]);
      times.push(performance.now() - t0);
    }
    await client.close();
    const best = Math.min(...times);
    rows.push({ scheduler, workers, tasks: tasks.length, seconds: best / 1000, microsPerTask: (best * 1000) / tasks.length });
  }
  return { target: "≤ 20 µs per task (Dask: 200–300 µs)", rows };
}

export async function scaling({ repeat }) {
  const spin = dd.remote(fixtures, "spin");
  const rows = [];
  let base = 0;
  for (const workers of [1, 2]) {
    const client = await dd.Client.start({ workers });
    await dd.compute([dd.delayed(spin)(1, 0)], { client });
    const times = [];
    for (let r = 0; r < repeat; r++) {
      const jobs = Array.from({ length: 40 }, (_, i) => dd.delayed(spin, { pure: false })(50, i));
      const t0 = performance.now();
      await dd.compute(jobs, { client });
      times.push((performance.now() - t0) / 1000);
    }
    await client.close();
    const best = Math.min(...times);
    if (workers === 1) base = best;
    rows.push({ workers, tasks: 40, cpuSecondsOfWork: 2, seconds: best, speedup: base / best });
  }
  return { target: "speed-up from 1 to 2 workers ≥ 1.8×", rows };
}

export async function reductionMemory() {
  const block = dd.remote(fixtures, "block");
  const combine = dd.remote(fixtures, "combine");
  const partitions = 1000, bytes = 4 * 2 ** 20; // 4 MiB a partition: 4 GiB if all were held at once
  const client = await dd.Client.start({ workers: 2 });
  let level = Array.from({ length: partitions }, (_, i) => dd.delayed(block)(bytes / 8, i));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 8) next.push(dd.delayed(combine)(level.slice(i, i + 8)));
    level = next;
  }
  const before = process.memoryUsage().rss;
  let peak = before, peakHeld = 0;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const t0 = performance.now();
  const [out] = await dd.compute(level, { client, onProgress: (p) => { peakHeld = Math.max(peakHeld, p.memoryBytes); } });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  await client.close();
  return {
    target: "peak memory bounded by workers × fan-in, not by the number of partitions",
    rows: [{
      partitions, partitionMiB: bytes / 2 ** 20, allAtOnceMiB: (partitions * bytes) / 2 ** 20, seconds,
      peakHeldByWorkersMiB: peakHeld / 2 ** 20, peakRssGrowthMiB: (peak - before) / 2 ** 20, checksum: out[0],
    }],
  };
}
