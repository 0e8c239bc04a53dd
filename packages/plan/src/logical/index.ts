export * from "./node.js";
export * from "./sources.js";
export * from "./children.js";
export * from "./with-children.js";
export * from "./hash.js";
export * from "./partitions.js";
export * from "./explain.js";
export * from "./row-count.js";
