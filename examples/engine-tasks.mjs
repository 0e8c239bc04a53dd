// Task functions for examples/engine.mjs: workers import this module to call them.

/** Words in a line. */
export function countWords(line) {
  return line.split(/\s+/).filter(Boolean).length;
}
