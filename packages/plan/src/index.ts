export * from "./schema.js"; export * from "./expr/index.js";
export * from "./logical/index.js";
export * from "./optimizer/index.js";
