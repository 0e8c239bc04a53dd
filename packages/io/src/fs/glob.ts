/**
 * Glob patterns over `/`-separated paths, compiled to regular expressions:
 * `*` (any run within one path segment), `**` (any number of segments, zero included), `?` (one
 * character but `/`), `[abc]`, `[a-z]`, `[!abc]` (one character of / not of a set), `{a,b}`
 * (alternatives, which may nest and hold other wildcards). `splitGlob` finds the fixed directory
 * before the first wildcard, the only part that needs listing.
 *
 * @example
 * ```ts
 * globToRegExp("s3://b/data/**\/*.csv").test("s3://b/data/2024/01/x.csv"); // true
 * splitGlob("/data/{2023,2024}/*.csv"); // { base: "/data", rest: "{2023,2024}/*.csv" }
 * ```
 */

const META = /[*?[{]/;

/** True when `s` holds a glob wildcard (`*`, `?`, `[` or `{`). */
export function hasGlobChars(s: string): boolean {
  return META.test(s);
}

/** The fixed directory before the first segment with a wildcard, and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.split("/");
  const first = segments.findIndex((s) => hasGlobChars(s));
  if (first === -1) return { base: pattern, rest: "" };
  return { base: segments.slice(0, first).join("/"), rest: segments.slice(first).join("/") };
}

/** A regular expression matching exactly the paths the glob `pattern` matches. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${compile(pattern)}$`, "s");
}

function compile(p: string): string {
  let out = "";
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === "*") {
      if (p[i + 1] === "*") {
        const atSegmentStart = i === 0 || p[i - 1] === "/";
        if (atSegmentStart && p[i + 2] === "/") {
          out += "(?:[^/]*/)*"; // "**/": zero or more whole segments
          i += 3;
        } else {
          out += ".*";
          i += 2;
          while (p[i] === "*") i++;
        }
      } else {
        out += "[^/]*";
        i++;
      }
    } else if (c === "?") {
      out += "[^/]";
      i++;
    } else if (c === "[") {
      const cls = bracket(p, i);
      if (cls === undefined) {
        out += "\\[";
        i++;
      } else {
        out += cls.regex;
        i = cls.end;
      }
    } else if (c === "{") {
      const alt = braces(p, i);
      if (alt === undefined) {
        out += "\\{";
        i++;
      } else {
        out += `(?:${alt.options.map(compile).join("|")})`;
        i = alt.end;
      }
    } else {
      out += escapeRegExp(c);
      i++;
    }
  }
  return out;
}

/** A `[...]` class starting at `start`: its regex and the index after it, or undefined when unclosed. */
function bracket(p: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (p[i] === "!" || p[i] === "^") {
    negate = true;
    i++;
  }
  const bodyStart = i;
  if (p[i] === "]") i++; // a "]" first is literal
  while (i < p.length && p[i] !== "]") i++;
  if (i >= p.length) return undefined;
  const body = p
    .slice(bodyStart, i)
    .replace(/[\\^\]]/g, (m) => `\\${m}`)
    .replace(/\//g, "");
  return { regex: negate ? `[^/${body}]` : `[${body}]`, end: i + 1 };
}

/** A `{a,b}` group starting at `start`: its top-level alternatives and the index after it. */
function braces(p: string, start: number): { options: string[]; end: number } | undefined {
  let depth = 0;
  let inClass = false;
  const options: string[] = [];
  let from = start + 1;
  for (let i = start; i < p.length; i++) {
    const c = p[i];
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[" && bracket(p, i) !== undefined) {
      inClass = true;
      if (p[i + 1] === "!" || p[i + 1] === "^") i++;
      if (p[i + 1] === "]") i++;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) {
        options.push(p.slice(from, i));
        return { options, end: i + 1 };
      }
    } else if (c === "," && depth === 1) {
      options.push(p.slice(from, i));
      from = i + 1;
    }
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
