/**
 * The rolling-window reference of @dusk/testing, read from its source (the kernels package does not
 * depend on the testing package, which depends on it).
 */
export { windowAggregate } from "../../../testing/src/window-reference.js";
