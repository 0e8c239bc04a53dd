// The child process of polars-peer.mjs: reads CSV files with nodejs-polars, driven by messages.
import { createRequire } from "node:module";
import pl from "nodejs-polars";

process.on("message", (m) => {
  try {
    if (m.op === "readCsv") {
      const t0 = performance.now(), c0 = process.cpuUsage();
      let df = pl.readCSV(m.path);
      const seconds = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const cpuSeconds = (c.user + c.system) / 1e6;
      const sums = Object.fromEntries(m.sumColumns.map((c) => [c, Number(df.getColumn(c).sum())]));
      // readCSV blocks the event loop, so no sampling: the child's lifetime peak (it only reads)
      const peakRss = process.resourceUsage().maxRSS * 1024;
      process.send({ seconds, cpuSeconds, peakRss, rows: df.height, sums });
      df = null;
    } else if (m.op === "info") {
      const version = createRequire(import.meta.url)("nodejs-polars/package.json").version;
      process.send({ version, threads: Number(process.env.POLARS_MAX_THREADS) });
    } else if (m.op === "close") {
      process.disconnect();
    }
  } catch (e) {
    process.send({ error: e instanceof Error ? e.message : String(e) });
  }
});
