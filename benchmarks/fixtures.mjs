// Task functions for engine benchmarks (workers import this module by URL).
/** Busy CPU work for ms milliseconds. */
export function spin(ms, x) {
  const end = performance.now() + ms;
  let y = 0;
  while (performance.now() < end) y++;
  return x + (y < 0 ? 1 : 0);
}
/** n float64 values (n * 8 bytes). */
export function block(n, k) {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = k + i;
  return a;
}
/** Element-wise sum of blocks (a reduction step that keeps the block size). */
export function combine(blocks) {
  const out = new Float64Array(blocks[0].length);
  for (const b of blocks) for (let i = 0; i < b.length; i++) out[i] += b[i];
  return out;
}
