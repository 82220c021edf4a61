// 文号 series across server processes: two separate connections (as two processes have) draw
// numbers of one series at once through DocumentsRepository.nextSeq — one $inc upsert per
// number — and every number from 1 to N is handed out exactly once, on the embedded store
// as on MongoDB.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentsRepository } from '../../server/documents/documents.repository';
import { openTarget, type Target } from './helpers/harness';

let target: Target;
let connections: mongoose.Connection[];
beforeAll(async () => {
  target = await openTarget('docnumbers');
  connections = await Promise.all([0, 1].map(() => mongoose.createConnection(target.uri, { dbName: target.dbName }).asPromise()));
});
afterAll(async () => {
  await Promise.all((connections ?? []).map((c) => c.close()));
  await target?.close();
});

describe('文号 counters', () => {
  it('two connections drawing 40 numbers each at once get 1…80, each once; another series starts at 1', async () => {
    const [a, b] = connections.map((c) => new DocumentsRepository(c));
    const draws = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).nextSeq('hi-gy|supervisionLetter|2026')));
    expect([...draws].sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(await a.nextSeq('hi-gy|supervisionLetter|2027')).toBe(1);
    expect(await b.nextSeq('hi-hk-zy|supervisionLetter|2026')).toBe(1);
    expect(await b.nextSeq('hi-gy|supervisionLetter|2026')).toBe(81);
  });
});
