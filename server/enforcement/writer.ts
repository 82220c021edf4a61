// Writing validated records: new ones inserted, changed ones updated with what changed kept in
// their history, unchanged ones left alone (re-importing the same file changes nothing). Every
// written record is due for the monitoring rules at once (nextCheckAt = now).
import type { Court } from '../courts';
import type { RecordInput } from './fields';
import { nodesEqual, type RecordDoc, type RecordsRepository } from './records.repository';

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const COMPARED = ['handler', 'filedAt', 'closedAt', 'closing'] as const;

function diff(old: RecordDoc, next: RecordInput) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of COMPARED) if ((old[f] ?? null) !== (next[f] ?? null)) changes[f] = { from: old[f] ?? null, to: next[f] ?? null };
  if (!nodesEqual(old.nodes ?? [], next.nodes)) changes.nodes = { from: old.nodes ?? [], to: next.nodes };
  return changes;
}

export async function writeRecords(
  repo: RecordsRepository, batch: RecordInput[], courts: Map<string, Court>, ctx: { now: Date; by: string; source: string },
): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  let pending = batch;
  // Twice at most: an insert that lost a race to another import becomes an update.
  for (let attempt = 0; attempt < 3 && pending.length; attempt++) {
    const existing = new Map((await repo.findByKeys(pending)).map((d) => [`${d.court}\u0000${d.caseNo}`, d]));
    const inserts: Omit<RecordDoc, '_id'>[] = [];
    const retry: RecordInput[] = [];
    for (const r of pending) {
      const old = existing.get(`${r.court}\u0000${r.caseNo}`);
      if (!old) {
        const court = courts.get(r.court)!;
        inserts.push({
          ...r, courtPath: [r.court, ...court.ancestors], province: court.province, createdAt: ctx.now, updatedAt: ctx.now,
          version: 0, history: [{ at: ctx.now, by: ctx.by, source: ctx.source, changes: {} }], cases: [], fired: [], nextCheckAt: ctx.now, lease: null,
        });
        continue;
      }
      const changes = diff(old, r);
      if (!Object.keys(changes).length) { counts.unchanged++; continue; }
      const set: Partial<RecordDoc> = { nodes: r.nodes, nextCheckAt: ctx.now };
      for (const f of COMPARED) (set as Record<string, unknown>)[f] = r[f] ?? null;
      if (await repo.updateIfVersion(old._id, old.version, set, { at: ctx.now, by: ctx.by, source: ctx.source, changes })) counts.updated++;
      else retry.push(r);
    }
    const ins = await repo.insertMany(inserts);
    counts.created += ins.inserted;
    pending = [...retry, ...ins.duplicates.map(({ caseNo, court, handler, filedAt, closedAt, closing, nodes }) => ({ caseNo, court, handler, filedAt, closedAt, closing, nodes }))];
  }
  if (pending.length) throw new Error(`${pending.length} 条记录因并发修改未能写入`);
  return counts;
}
