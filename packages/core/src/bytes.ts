/** Byte sizes as users write them: 2e9, "2GB", "512 MiB", "1.5GiB". */
import { DuskError } from "@dusk/core";

const UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, k: 1e3, m: 1e6, g: 1e9,
};

export function parseBytes(x: number | string, what = "size"): number {
  if (typeof x === "number") {
    if (x > 0) return x;
  } else {
    const m = /^\s*([\d.]+(?:e\d+)?)\s*([a-z]*)\s*$/i.exec(x);
    if (m && (m[2] === "" || UNITS[m[2].toLowerCase()] !== undefined)) {
      const n = Number(m[1]) * (m[2] === "" ? 1 : UNITS[m[2].toLowerCase()]);
      if (n > 0) return n;
    }
  }
  throw new DuskError("INVALID_ARGUMENT", `${what} must be a positive number of bytes or a string like "2GB" or "512MiB", got ${JSON.stringify(x)}`);
}
