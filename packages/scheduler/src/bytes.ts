/** Byte sizes as users write them (moved to core: io parses blocksize with it too). */
export { parseBytes } from "@dusk/core";
