// The child process of duckdb-peer.mjs: one in-memory DuckDB connection, driven by messages.
import { DuckDBInstance } from "@duckdb/node-api";
import { peakRssSampler } from "./peak-rss.mjs";

let con = null;
process.on("message", async (m) => {
  try {
    if (m.op === "open") {
      con = await (await DuckDBInstance.create(":memory:")).connect();
      process.send({});
    } else if (m.op === "run") {
      const peak = peakRssSampler();
      const t0 = performance.now(), c0 = process.cpuUsage();
      let peakRss = 0;
      try {
        await con.run(m.sql);
      } finally {
        peakRss = peak.stop();
      }
      const c = process.cpuUsage(c0);
      process.send({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, peakRss });
    } else if (m.op === "rows") {
      process.send({ rows: (await con.runAndReadAll(m.sql)).getRowObjectsJS() });
    } else if (m.op === "close") {
      con?.closeSync();
      process.disconnect();
    }
  } catch (e) {
    process.send({ error: e instanceof Error ? e.message : String(e) });
  }
});
