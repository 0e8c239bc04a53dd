export * from "./task.js";
export * from "./heap.js";
export * from "./errors.js";
export * from "./executors/inline.js";
