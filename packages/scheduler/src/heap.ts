/** A binary min-heap of keys by numeric priority (ties by insertion order). */
export class PriorityQueue {
  private keys: string[] = [];
  private prios: number[] = [];
  private seqs: number[] = [];
  private seq = 0;

  get size(): number { return this.keys.length; }

  push(key: string, priority: number): void {
    this.keys.push(key); this.prios.push(priority); this.seqs.push(this.seq++);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): string | undefined {
    if (this.keys.length === 0) return undefined;
    const top = this.keys[0];
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.keys.pop(); this.prios.pop(); this.seqs.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < this.keys.length && this.less(l, m)) m = l;
      if (r < this.keys.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.prios[a] < this.prios[b] || (this.prios[a] === this.prios[b] && this.seqs[a] < this.seqs[b]);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.prios[a], this.prios[b]] = [this.prios[b], this.prios[a]];
    [this.seqs[a], this.seqs[b]] = [this.seqs[b], this.seqs[a]];
  }
}
