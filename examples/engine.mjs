// The engine without dataframes (docs/engine.md): delayed values, futures, and functions by module.
//   node examples/engine.mjs
import * as dd from "@dusk/dataframe";

// delayed: calls recorded as a graph, run by compute; equal calls are one task
const load = dd.delayed((i) => Array.from({ length: 1000 }, (_, j) => i * j));
const total = dd.delayed((parts) => parts.flat().reduce((a, b) => a + b, 0));
console.log("delayed total:", await total([load(1), load(2), load(3)]).compute());
const [a, b] = await dd.compute([total([load(1)]), total([load(1), load(2)])]);
console.log("shared work:", a, b);

// futures: work starts at submit; futures as arguments run where their results are
const client = await dd.Client.start({ workers: 2 });
try {
  const f = client.submit((x) => x * 2, 21);
  const g = client.submit((x, y) => x + y, f, 1);
  console.log("future:", await g.result());
  const squares = client.map((x) => x * x, [1, 2, 3]);
  console.log("gather:", await client.gather(squares));
  const seen = [];
  for await (const done of dd.asCompleted(squares)) seen.push(await done.result());
  console.log("asCompleted:", seen.sort((p, q) => p - q));
  // a function exported by a module, imported by each worker (a module without top-level work:
  // this script's own top level starts a client, so its task functions live in engine-tasks.mjs)
  const words = client.map(dd.remote(new URL("./engine-tasks.mjs", import.meta.url), "countWords"), ["a b c", "d e"]);
  console.log("by module:", await client.gather(words));
  // a captured variable does not exist in the worker: a clear error, not a wrong answer
  const k = 10;
  await client.submit((x) => x + k, 1).result().catch((e) => console.log("closure:", e.code));
} finally {
  await client.close();
}
