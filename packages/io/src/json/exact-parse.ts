/**
 * A JSON parser for the lines `JSON.parse` cannot read exactly: those with integers of 16 or more
 * digits, which `JSON.parse` would round to the nearest double. Integers beyond ±2^53 come out as
 * BigInt, exact; everything else as `JSON.parse` gives it. With `keepNumberText` every number
 * comes out as a {@link NumberText} instead, so schema inference can tell `1` from `1.0`.
 *
 * `mayHoldBigInt` says whether a text has such an integer (or something like it, inside a string
 * say: the slow path is then taken for nothing, but nothing is misread).
 *
 * @example
 * ```ts
 * parseJsonExact('{"id": 12345678901234567890}', false); // { id: 12345678901234567890n }
 * mayHoldBigInt('{"id": 1, "x": 0.12345678901234567}'); // false: a fraction, not an integer
 * ```
 */

/** A number as written, for inference. */
export class NumberText {
  constructor(readonly text: string) {}
  /** `[-]digits` only: no fraction, no exponent. */
  get integer(): boolean { return /^-?\d+$/.test(this.text); }
}

/** 16 or more digits not in a fraction and not followed by a fraction or exponent. */
const BIG_INT = /(?<![\d.])\d{16,}(?![\d.eE])/;

export function mayHoldBigInt(text: string): boolean {
  return BIG_INT.test(text);
}

/** Thrown for text that is not JSON; `at` is the character position. */
export class JsonSyntaxError extends Error {
  constructor(message: string, readonly at: number) { super(message); }
}

const MAX_SAFE = 9007199254740991;

class Parser {
  i = 0;
  constructor(readonly s: string, readonly keepNumberText: boolean) {}

  fail(what: string): never {
    const c = this.s[this.i];
    throw new JsonSyntaxError(c === undefined ? `unexpected end of line (${what})` : `unexpected ${JSON.stringify(c)} at position ${this.i} (${what})`, this.i);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.i = i;
  }

  value(depth: number): unknown {
    if (depth > 512) this.fail("nested too deeply");
    this.ws();
    const c = this.s.charCodeAt(this.i);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (this.s.startsWith("true", this.i)) { this.i += 4; return true; }
    if (this.s.startsWith("false", this.i)) { this.i += 5; return false; }
    if (this.s.startsWith("null", this.i)) { this.i += 4; return null; }
    return this.fail("expected a value");
  }

  object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) { this.i++; return out; }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 34) this.fail("expected a key");
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.i) !== 58) this.fail('expected ":"');
      this.i++;
      const v = this.value(depth + 1);
      // as JSON.parse: a repeated key keeps its last value; __proto__ is an ordinary key
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) { this.i++; continue; }
      if (c === 125) { this.i++; return out; }
      this.fail('expected "," or "}"');
    }
  }

  array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) { this.i++; return out; }
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) { this.i++; continue; }
      if (c === 93) { this.i++; return out; }
      this.fail('expected "," or "]"');
    }
  }

  string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let from = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c !== c) { this.i = i; this.fail("unterminated string"); }
      if (c === 34) break;
      if (c < 32) { this.i = i; this.fail("control character in a string"); }
      if (c === 92) {
        out += s.slice(from, i);
        const e = s[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case "\\": out += "\\"; break;
          case "/": out += "/"; break;
          case "b": out += "\b"; break;
          case "f": out += "\f"; break;
          case "n": out += "\n"; break;
          case "r": out += "\r"; break;
          case "t": out += "\t"; break;
          case "u": {
            const hex = s.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) { this.i = i; this.fail("bad \\u escape"); }
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default: this.i = i; this.fail("bad escape");
        }
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    this.i = i + 1;
    return out + s.slice(from, i);
  }

  number(): unknown {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (s.charCodeAt(i) === 45) i++;
    const digit = (k: number): boolean => { const c = s.charCodeAt(k); return c >= 48 && c <= 57; };
    if (!digit(i)) { this.i = i; this.fail("expected a digit"); }
    if (s.charCodeAt(i) === 48) i++;
    else while (digit(i)) i++;
    let integer = true;
    if (s.charCodeAt(i) === 46) {
      integer = false;
      i++;
      if (!digit(i)) { this.i = i; this.fail("expected a digit after the point"); }
      while (digit(i)) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      integer = false;
      i++;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
      if (!digit(i)) { this.i = i; this.fail("expected a digit in the exponent"); }
      while (digit(i)) i++;
    }
    this.i = i;
    const text = s.slice(start, i);
    if (this.keepNumberText) return new NumberText(text);
    if (!integer) return Number(text);
    const n = Number(text);
    return n >= -MAX_SAFE && n <= MAX_SAFE ? n : BigInt(text);
  }
}

/** Parses one JSON text exactly (see the module doc); throws {@link JsonSyntaxError}. */
export function parseJsonExact(text: string, keepNumberText: boolean): unknown {
  const p = new Parser(text, keepNumberText);
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail("text after the value");
  return v;
}

/**
 * JSON text of a value from either parser (BigInt written as its digits; NumberText as written).
 * For arrays and objects kept as text.
 */
export function toJsonText(v: unknown): string {
  if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isFinite(v) ? JSON.stringify(v) : "null";
  if (typeof v === "bigint") return v.toString();
  if (v instanceof NumberText) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).map((k) => `${JSON.stringify(k)}:${toJsonText(o[k])}`).join(",")}}`;
}
