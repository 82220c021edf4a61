// A sorted list as an array of sorted chunks (a two-level B-tree). One flat sorted array costs
// an O(n) splice per insert (200,000 keys: ~10 s to build by inserts); chunks of <= 512 keep
// inserts and deletes O(log n + 512) while lookups stay two binary searches.
export interface Pos { c: number; i: number }

const MAX = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number { return this.count; }

  /** Replaces the contents with already-sorted items. */
  load(sorted: T[]): void {
    this.chunks = [];
    for (let i = 0; i < sorted.length; i += MAX / 2) this.chunks.push(sorted.slice(i, i + MAX / 2));
    this.count = sorted.length;
  }

  /** Position of the first item for which `atOrAfter` is true (it must be monotone). */
  seek(atOrAfter: (e: T) => boolean): Pos {
    const cs = this.chunks;
    let lo = 0, hi = cs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (atOrAfter(cs[mid][cs[mid].length - 1])) hi = mid;
      else lo = mid + 1;
    }
    if (lo === cs.length) return { c: lo, i: 0 };
    const chunk = cs[lo];
    let a = 0, b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (atOrAfter(chunk[mid])) b = mid;
      else a = mid + 1;
    }
    return { c: lo, i: a };
  }

  private seekItem(x: T): Pos {
    return this.seek((e) => this.cmp(e, x) >= 0);
  }

  at(p: Pos): T | undefined {
    return this.chunks[p.c]?.[p.i];
  }

  next(p: Pos): Pos {
    return p.i + 1 < (this.chunks[p.c]?.length ?? 0) ? { c: p.c, i: p.i + 1 } : { c: p.c + 1, i: 0 };
  }

  /** Inserts x; returns false (and changes nothing) when an equal item is present. */
  insert(x: T): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([x]);
      this.count = 1;
      return true;
    }
    let p = this.seekItem(x);
    if (p.c === this.chunks.length) p = { c: p.c - 1, i: this.chunks[p.c - 1].length };
    const chunk = this.chunks[p.c];
    if (p.i < chunk.length && this.cmp(chunk[p.i], x) === 0) return false;
    chunk.splice(p.i, 0, x);
    this.count++;
    if (chunk.length > MAX) this.chunks.splice(p.c + 1, 0, chunk.splice(MAX / 2));
    return true;
  }

  remove(x: T): boolean {
    const p = this.seekItem(x);
    const chunk = this.chunks[p.c];
    if (!chunk || p.i >= chunk.length || this.cmp(chunk[p.i], x) !== 0) return false;
    chunk.splice(p.i, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(p.c, 1);
    return true;
  }

  /** Items from `from` onwards (dir 1) or from the item before `from` backwards (dir -1). */
  *iterate(from: Pos, dir: 1 | -1): Generator<T> {
    const cs = this.chunks;
    if (dir === 1) {
      for (let c = from.c, i = from.i; c < cs.length; c++, i = 0) {
        const chunk = cs[c];
        for (; i < chunk.length; i++) yield chunk[i];
      }
      return;
    }
    let c = from.c, i = from.i - 1;
    if (c >= cs.length) { c = cs.length - 1; i = c >= 0 ? cs[c].length - 1 : -1; }
    for (; c >= 0; c--, i = c >= 0 ? cs[c].length - 1 : -1) {
      const chunk = cs[c];
      for (; i >= 0; i--) yield chunk[i];
    }
  }

  /** Items before `p`: O(chunks), for counting a range without visiting its items. */
  rank(p: Pos): number {
    let n = 0;
    for (let c = 0; c < p.c && c < this.chunks.length; c++) n += this.chunks[c].length;
    return n + (p.c < this.chunks.length ? p.i : 0);
  }

  start(): Pos { return { c: 0, i: 0 }; }
  end(): Pos { return { c: this.chunks.length, i: 0 }; }
}
