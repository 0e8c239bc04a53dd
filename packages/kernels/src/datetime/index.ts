export * from "./fields.js";
export * from "./round.js";
export * from "./strftime.js";
export { tzOffsets, TzOffsets } from "./tz-offsets.js";
