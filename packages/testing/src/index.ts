export * from "./random.js";
export * from "./generate.js";
export * from "./db-benchmark.js";
export * from "./assert-frame-equal.js";
export * from "./reference.js";
export * from "./s3-server.js";
export * from "./csv-text.js";
export * from "./db-benchmark-join.js";
