export { partitionIds } from "./partition-hash.js";
export { splitBatch } from "./split.js";
export { joinIndices, type JoinHow, type JoinIndices } from "./join-indices.js";
export { asofEdgeRows, asofIndices, firstUnsorted, type AsofDirection, type AsofOptions } from "./asof.js";
