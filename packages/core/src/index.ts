export * from "./dtypes.js";
export * from "./errors.js";
