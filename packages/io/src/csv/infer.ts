/**
 * Reads a CSV file's layout from a sample of its first bytes: skips the byte order mark and
 * `skiprows` lines, reads the header (or takes `names`, or numbers the columns "0", "1", …),
 * resolves `usecols`, and infers each kept column's dtype from the sample's data rows (see
 * {@link DTypeGuess}) unless `dtype` gives it. The last line of the sample is left out, as it may be
 * cut, unless the sample is the whole file.
 *
 * @example
 * ```ts
 * const sample = await fs.read("data/x.csv", 0, 1 << 20);
 * const schema = inferCsvSchema(sample, { dtype: { id4: "int32" } }, "data/x.csv");
 * schema.columns;     // [{ name: "id1", dtype: utf8, fileColumnIndex: 0 }, ...]
 * schema.dataStart;   // byte offset of the first data row
 * schema.headerLines; // 1: data starts on line 2
 * ```
 */
import { DuskError, type DType } from "@dusk/core";
import { headerNames } from "./header-names.js";
import { DTypeGuess } from "./infer-dtype.js";
import { NaMatcher } from "./na-values.js";
import { normalizeCsvOptions, type CsvOptions, type NormalizedCsvOptions } from "./options.js";
import type { CsvColumnSpec, CsvSchema } from "./schema.js";
import { CsvTokenizer, fieldWasQuoted } from "./tokenizer.js";
import { FieldScratch, unescapeField } from "./unescape.js";
import { showValue } from "./value-error.js";
import { resolveUsecols } from "./usecols.js";

/** How the sample relates to the file. */
export interface CsvSampleInfo {
  /** True when the sample is the whole file: its last line is complete even without a line break. */
  readonly wholeFile?: boolean;
}

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const BATCH_ROWS = 4096;

function sampleTooSmall(file: string, bytes: number, what: string): DuskError {
  return new DuskError("CSV_PARSE_ERROR",
    `${file}: ${what} does not fit in the first ${bytes} bytes read to infer the schema; read a larger sample`,
    { file, reason: "sample-too-small", sampleBytes: bytes });
}

/** Position after `count` physical lines from `pos`, or −1 when the sample ends first. */
function skipLines(b: Uint8Array, pos: number, count: number, wholeFile: boolean): number {
  let i = pos;
  for (let k = 0; k < count; k++) {
    while (i < b.length && b[i] !== 10 && b[i] !== 13) i++;
    if (i >= b.length) return wholeFile ? b.length : -1;
    if (b[i] === 13) {
      if (i + 1 >= b.length && !wholeFile) return -1;
      if (b[i + 1] === 10) i++;
    }
    i++;
  }
  return i;
}

/** The fields of the tokenizer's first complete row, decoded. */
function rowStrings(src: Uint8Array, tok: CsvTokenizer, scratch: FieldScratch): string[] {
  const out: string[] = [];
  for (let k = 0; k < tok.rowEnds[0]; k++) {
    let b = src, s = tok.starts[k], e = tok.ends[k];
    if (e < 0) { e = unescapeField(src, s, ~e, tok.quote, tok.escape, scratch); s = 0; b = scratch.bytes; }
    try {
      out.push(fatalDecoder.decode(b.subarray(s, e)));
    } catch {
      throw new DuskError("CSV_PARSE_ERROR",
        `${tok.file} line ${tok.rowLines[0]}: the header is not valid UTF-8; Dusk reads UTF-8 text only (re-encode the file first, e.g. iconv -f latin1 -t utf-8)`,
        { file: tok.file, line: tok.rowLines[0] });
    }
  }
  return out;
}

/** Scans one row (any field count) from `pos`; returns its end or −1 when the sample has no more rows. */
function scanOneRow(tok: CsvTokenizer, sample: Uint8Array, pos: number, wholeFile: boolean): number {
  tok.clearRows();
  const at = tok.scan(sample, pos, sample.length, 1);
  if (tok.rows === 1) return at;
  if (!wholeFile) return -2; // the row may go on past the sample
  tok.finishInput(sample.length);
  return tok.rows === 1 ? sample.length : -1;
}

/**
 * Infers the layout of a CSV file from `sample`, its first bytes. Throws `CSV_PARSE_ERROR` with
 * `details.reason = "sample-too-small"` when the header does not fit in the sample, `CSV_BAD_LINE`
 * for sampled rows of the wrong length (per `onBadLines`), `COLUMN_NOT_FOUND` when `usecols`,
 * `dtype` or `parseDates` name a column the file lacks, and `SCHEMA_MISMATCH` for a `parseDates`
 * value that is no date.
 *
 * @example
 * ```ts
 * const s = inferCsvSchema(new TextEncoder().encode("a,b\n1,x\n"), {}, "t.csv", { wholeFile: true });
 * s.columns.map((c) => formatDType(c.dtype)); // ["int64", "utf8"]
 * ```
 */
export function inferCsvSchema(
  sample: Uint8Array, options: CsvOptions | NormalizedCsvOptions, file: string, info: CsvSampleInfo = {},
): CsvSchema {
  const o = normalizeCsvOptions(options);
  const wholeFile = info.wholeFile ?? false;
  let pos = sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  pos = skipLines(sample, pos, o.skiprows, wholeFile);
  if (pos < 0) throw sampleTooSmall(file, sample.length, `skiprows (${o.skiprows} lines)`);
  const scratch = new FieldScratch();
  const firstLine = 1 + o.skiprows;

  // header row, or the first row to count the fields
  const head = new CsvTokenizer(o, { file, firstLine }, -1);
  let fileColumns: string[] = [];
  let dataStart = pos;
  let headerLines = o.skiprows;
  let fieldCount: number;
  if (o.header !== null) {
    let end = pos;
    for (let r = 0; r <= o.header && end >= 0; r++) end = scanOneRow(head, sample, end, wholeFile);
    if (end === -2) throw sampleTooSmall(file, sample.length, `the header (row ${o.header})`);
    if (end === -1) {
      // no header row: an empty file (or fewer rows than header)
      fieldCount = o.names?.length ?? 0;
      dataStart = sample.length;
      headerLines = head.line - 1;
    } else {
      // cut between \r and \n, or inside a comment after the header: the data start is not known
      if (!wholeFile && end === sample.length && !head.atRowStart) throw sampleTooSmall(file, sample.length, "the header");
      const raw = rowStrings(sample, head, scratch);
      fieldCount = raw.length;
      fileColumns = headerNames(raw);
      dataStart = end;
      headerLines = head.line - 1;
    }
  } else {
    const end = scanOneRow(head, sample, pos, wholeFile);
    if (end === -2) throw sampleTooSmall(file, sample.length, "the first row");
    fieldCount = end === -1 ? o.names?.length ?? 0 : head.rowEnds[0];
    fileColumns = Array.from({ length: fieldCount }, (_, i) => String(i));
  }
  if (o.names !== null) {
    if (o.names.length !== fieldCount && !(fieldCount === 0 && dataStart >= sample.length)) {
      throw new DuskError("INVALID_ARGUMENT",
        `readCsv names: ${o.names.length} names given, but the rows of ${file} have ${fieldCount} fields`,
        { file, names: o.names.length, fields: fieldCount });
    }
    fileColumns = [...o.names];
    fieldCount = o.names.length;
  }

  const missing = (what: string, name: string): DuskError => new DuskError("COLUMN_NOT_FOUND",
    `readCsv ${what}: ${JSON.stringify(name)} is not a column of ${file}; its columns are ${fileColumns.map((c) => JSON.stringify(c)).join(", ")}`,
    { file, column: name });
  for (const name of o.dtype.keys()) if (!fileColumns.includes(name)) throw missing("dtype", name);
  for (const name of o.parseDates) if (!fileColumns.includes(name)) throw missing("parseDates", name);
  const kept = resolveUsecols(fileColumns, o.usecols, file);

  // dtypes: given, or guessed from the sampled rows
  const guesses = new Map<number, DTypeGuess>();
  for (const i of kept) if (!o.dtype.has(fileColumns[i])) guesses.set(i, new DTypeGuess(o.parseDates.includes(fileColumns[i])));
  const na = new NaMatcher(o.naValues);
  // bad rows are reported when the block is parsed, not twice
  const quiet: NormalizedCsvOptions = { ...o, onBadLines: o.onBadLines === "warn" ? "skip" : o.onBadLines };
  const tok = new CsvTokenizer(quiet, { file, firstLine: headerLines + 1 }, fieldCount);
  let sampleRows = 0;
  const feed = (): void => {
    for (const [col, guess] of guesses) {
      for (let j = 0, k = col; j < tok.rows; j++, k += fieldCount) {
        let b = sample, s = tok.starts[k], e = tok.ends[k];
        const quoted = fieldWasQuoted(sample, s, e, o.quote);
        if (e < 0) { e = unescapeField(sample, s, ~e, o.quote, o.escape, scratch); s = 0; b = scratch.bytes; }
        if ((o.quotedNa || !quoted) && na.matches(b, s, e)) continue;
        if (!guess.add(b, s, e)) {
          const name = fileColumns[col];
          throw new DuskError("SCHEMA_MISMATCH",
            `${file} line ${tok.rowLines[j]}, column ${JSON.stringify(name)}: ${showValue(b, s, e)} is not a date or timestamp; ` +
            `remove ${JSON.stringify(name)} from parseDates (or fix the value)`,
            { file, line: tok.rowLines[j], column: name });
        }
      }
    }
    sampleRows += tok.rows;
    tok.clearRows();
  };
  if (fieldCount > 0 && dataStart < sample.length) {
    let p = dataStart;
    for (;;) {
      p = tok.scan(sample, p, sample.length, BATCH_ROWS);
      feed();
      if (tok.atEnd) break;
    }
    if (wholeFile) {
      tok.finishInput(sample.length);
      feed();
    }
  }

  const columns: CsvColumnSpec[] = kept.map((i) => {
    const name = fileColumns[i];
    const guess = guesses.get(i);
    const dtype: DType = o.dtype.get(name) ?? guess!.result(sampleRows);
    const plain = dtype.kind === "utf8" && guess !== undefined && guess.mostlyDistinct();
    return Object.freeze(plain ? { name, dtype, fileColumnIndex: i, plain } : { name, dtype, fileColumnIndex: i });
  });
  return Object.freeze({
    columns: Object.freeze(columns), fieldCount, fileColumns: Object.freeze(fileColumns),
    dataStart, headerLines, sampleRows,
  });
}
