export * from "./fs/filesystem.js";
export * from "./fs/local.js";
export * from "./fs/s3.js";
export * from "./fs/registry.js";
export * from "./discover.js";
export * from "./sync/run-sync.js";
export * from "./csv/index.js";
