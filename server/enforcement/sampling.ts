// The draw of a sampled inspection, re-checkable by anyone with the seed (README.md "Sampling"):
//   1. the population is split by 执行法院 (stratified by court);
//   2. each record's key is SHA-256 over the UTF-8 text `<seed>|<court code>|<案号>`, as hex;
//   3. within a court, records are ordered by key and the first ceil(rate × N) are drawn.
// Ordering by a cryptographic hash of a seed fixed before the draw is a uniformly random
// permutation; the result does not depend on the order the database returns records in, and
// the same seed always draws the same sample. The seed is 128 bits from the OS's CSPRNG unless
// the drawing court supplies one (to repeat a draw).
import { createHash, randomBytes } from 'node:crypto';

export const SAMPLING_ALGORITHM = 'sha256(seed|court|caseNo) 升序，各法院取前 ceil(比例×件数) 件';

export interface Drawable {
  id: string;
  court: string;
  caseNo: string;
}

export const newSeed = () => randomBytes(16).toString('hex');

export const sampleKey = (seed: string, court: string, caseNo: string) =>
  createHash('sha256').update(`${seed}|${court}|${caseNo}`, 'utf8').digest('hex');

/** Per-court target: at least the rate (ceil), so every court's share is within one record of it. */
export const perCourt = (n: number, rate: number) => Math.min(n, Math.ceil(n * rate - 1e-9));

export function draw<T extends Drawable>(population: T[], rate: number, seed: string): { sample: (T & { key: string })[]; population: Record<string, number> } {
  const byCourt = new Map<string, (T & { key: string })[]>();
  for (const r of population) {
    const list = byCourt.get(r.court) ?? [];
    list.push({ ...r, key: sampleKey(seed, r.court, r.caseNo) });
    byCourt.set(r.court, list);
  }
  const sample: (T & { key: string })[] = [];
  const counts: Record<string, number> = {};
  for (const court of [...byCourt.keys()].sort()) {
    const list = byCourt.get(court)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    counts[court] = list.length;
    sample.push(...list.slice(0, perCourt(list.length, rate)));
  }
  return { sample, population: counts };
}
