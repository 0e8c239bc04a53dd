// pnpm install hook. nodejs-polars (a dev dependency of benchmarks/ only: the csv-ingest suite's
// polars peer) ships its native code in per-platform packages that declare `engines.node >= 22`,
// so pnpm skips them on Node 20, although they load and run there (checked with 0.25.2: readCSV
// of the 1e7-row groupby CSV). The hook drops that engine field; nothing else is changed.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name && pkg.name.startsWith("nodejs-polars-") && pkg.engines) delete pkg.engines.node;
      return pkg;
    },
  },
};
