/**
 * Where a column chunk's bytes lie in its file: from the dictionary page when there is one (a
 * dictionary page offset of 0, or one past the first data page, is a known writer bug and ignored),
 * else from the first data page, for `total_compressed_size` bytes.
 *
 * @example
 * ```ts
 * const { start, end, dictionary } = chunkRange(rowGroup.columns[k].meta_data!);
 * ```
 */
import type { ColumnMetaData } from "hyparquet";

/** The byte span [start, end) of a column chunk, and whether it starts with its dictionary page. */
export interface ChunkRange {
  readonly start: number;
  readonly end: number;
  readonly dictionary: boolean;
}

/**
 * The byte span of a column chunk.
 *
 * @example
 * ```ts
 * chunkRange({ data_page_offset: 100n, dictionary_page_offset: 4n, total_compressed_size: 500n, ... }); // { start: 4, end: 504, dictionary: true }
 * ```
 */
export function chunkRange(md: ColumnMetaData): ChunkRange {
  const data = Number(md.data_page_offset);
  const dict = md.dictionary_page_offset === undefined ? 0 : Number(md.dictionary_page_offset);
  const dictionary = dict > 0 && dict < data;
  const start = dictionary ? dict : data;
  return { start, end: start + Number(md.total_compressed_size), dictionary };
}
