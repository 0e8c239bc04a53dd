/**
 * Pieces of Graphviz DOT text: quoted strings (labels may hold quotes, backslashes and newlines)
 * and the graph's header.
 *
 * @example
 * ```ts
 * dotString('Scan "a.csv"') // '"Scan \\"a.csv\\""'
 * ```
 */

/** A DOT double-quoted string; newlines become centred line breaks. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/** The opening lines shared by Dusk's graphs: inputs at the bottom, results on top (as Dask draws). */
export function dotHeader(name: string): string[] {
  return [
    `digraph ${dotString(name)} {`,
    `  rankdir=BT;`,
    `  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", fontname="Helvetica", fontsize=11];`,
    `  edge [color="#777777", arrowsize=0.7];`,
  ];
}
