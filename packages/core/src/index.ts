export * from "./dtypes.js";
export * from "./errors.js";
export * from "./scalar.js";
export * from "./module-url.js";
export * from "./bytes.js";
export * from "./datetime.js";
