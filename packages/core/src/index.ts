export * from "./dtypes.js";
export * from "./errors.js";
export * from "./scalar.js";
