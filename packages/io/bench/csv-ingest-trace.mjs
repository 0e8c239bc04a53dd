// End-to-end CSV ingest on fresh workers, with a timeline of each block's task (DUSK_CSV_TRACE=1
// makes the read-csv op print its start and end): `pnpm build && DUSK_CSV_TRACE=1 node
// packages/io/bench/csv-ingest-trace.mjs <file.csv> [workers] [blocksize]`.
import { statSync } from "node:fs";
import * as dd from "@dusk/dataframe";

const path = process.argv[2];
const workers = Number(process.argv[3] ?? 2);
const blocksize = process.argv[4] ?? "16MB";
const mb = statSync(path).size / 1e6;
const df = dd.readCsv(path, { blocksize });
const c0 = performance.timeOrigin + performance.now();
const client = await dd.Client.start({ workers });
const t0 = performance.timeOrigin + performance.now();
const held = await df.persist();
const t1 = performance.timeOrigin + performance.now();
console.log(`${workers} workers, ${df.npartitions} partitions: client start ${(t0 - c0).toFixed(0)} ms; persist ${(t1 - t0).toFixed(0)} ms = ${(mb / (t1 - t0) * 1000).toFixed(0)} MB/s`);
console.log(`T0 ${t0.toFixed(1)} T1 ${t1.toFixed(1)}`);
await held.length();
await client.close();
