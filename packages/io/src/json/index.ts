/**
 * Newline-delimited JSON: options, schema inference from a sample (nested objects flattened to
 * dotted column names), byte-range blocks, the block parser, and the writer.
 */
export { resolveReadJsonOptions } from "./options.js";
export type { ReadJsonOptions, JsonCompression, JsonWireOptions, ResolvedReadJsonOptions } from "./options.js";
export type { JsonColumnSpec, JsonSchema } from "./schema.js";
export { inferJsonSchema } from "./infer.js";
export type { JsonSampleInfo } from "./infer.js";
export { planJsonRead, isJsonGzip } from "./read-plan.js";
export type { JsonBlock, JsonReadSpec, JsonReadPlan } from "./read-plan.js";
export { readJsonBlock } from "./read-block.js";
export { parseJsonExact, mayHoldBigInt } from "./exact-parse.js";
export { formatJsonChunks, formatJson } from "./write-format.js";
export type { JsonWriteOptions } from "./write-format.js";
export { writeJsonFile } from "./write.js";
export type { WriteJsonFileOptions, JsonWriteResult } from "./write.js";
