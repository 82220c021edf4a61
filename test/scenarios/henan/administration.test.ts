// The Henan package administered: its export re-imports byte for byte as the same package; the
// 河南高院's 流程管理员 shortens 第12条's 30日 to 20日 in 期限一览, reads the migration dry run of the
// running case (old and new due instants, nothing moved), then migrates it and the new deadline acts.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../server/packages';
import { bj, startHenan, type Henan } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let h: Henan;
let caseId: string;
beforeAll(async () => {
  h = await startHenan();
  await h.setClock('2026-11-02 09:00');
  caseId = await h.open('henanDisposal', {}, 'ha-lk-chengban');
  await h.complete(caseId, 'registerDisposal', { disposalFrom: '2026-11-02' });
}, 120_000);
afterAll(() => h?.close());

async function download(url: string) {
  const { agent } = await h.s.p.login('ha-admin');
  return agent.get(url).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}
async function upload(zip: Buffer) {
  const { agent, csrfToken } = await h.s.p.login('ha-admin');
  return agent.post('/api/packages').set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(zip);
}
const put = async (param: string, value: string) => (await h.s.as('ha-admin')).put(`/api/packages/henan/parameters/${param}`, { value });

/** The package as shipped: zip path → bytes (the notes TRACE.md and DECISIONS.md travel with it). */
function shipped(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const dir = path.join(ROOT, 'processes/henan');
  for (const f of readdirSync(dir)) {
    files.set(f.endsWith('.bpmn') ? `processes/${f}` : f, readFileSync(path.join(dir, f)));
  }
  for (const f of readdirSync(path.join(ROOT, 'forms/henan'))) files.set(`forms/${f}`, readFileSync(path.join(ROOT, 'forms/henan', f)));
  return files;
}

describe('export and re-import', () => {
  it('the export is the shipped files byte for byte, and importing it again changes nothing', async () => {
    const r = await download('/api/packages/henan/export');
    expect(r.status).toBe(200);
    const read = await readZip(r.body);
    expect(read.problems).toEqual([]);
    const original = shipped();
    expect([...read.files.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [p, data] of original) expect(read.files.get(p)!.equals(data), p).toBe(true);
    const again = await upload(r.body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, package: { id: 'henan', version: 1 } });
  });
});

// 条文：河南意见 第12条
describe('第12条 30日 → 20日 and the running case migrated', () => {
  it('only the 流程管理员 may change it; the answer is a dry run that moves nothing', async () => {
    expect((await (await h.s.as('ha-lk-chengban')).put('/api/packages/henan/parameters/priceOverdue', { value: '20日 自 disposalFrom' })).status).toBe(403);
    expect(await h.due(caseId, 'determineReferencePrice')).toBe(bj('2026-12-03 00:00'));

    const timer = await put('priceOverdue', '20日 自 disposalFrom');
    expect(timer.status, JSON.stringify(timer.body)).toBe(200);
    expect(timer.body).toMatchObject({
      unchanged: false, version: 2,
      parameter: { id: 'priceOverdue', value: '20日 自 disposalFrom', previous: '30日 自 disposalFrom' },
      definition: { key: 'henanDisposal', fromVersion: 1, toVersion: 2 },
      migration: { dryRun: true, counts: { 'would-migrate': 1 } },
    });
    const task = await put('determineReferencePrice', '20日 自 disposalFrom');
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body.migration.fromVersions).toEqual([1, 2]);
    const entry = task.body.migration.cases.find((c: { caseId: string }) => c.caseId === caseId);
    // 20日 from 11-02: the last day, 11-22, is a Sunday, so it runs to Monday 11-23.
    expect(entry.changes).toEqual(expect.arrayContaining([
      { element: 'determineReferencePrice', kind: 'task', before: bj('2026-12-03 00:00'), after: bj('2026-11-24 00:00') },
      { element: 'priceOverdue', kind: 'timer', before: bj('2026-12-03 00:00'), after: bj('2026-11-24 00:00') },
    ]));
    // Nothing moved yet.
    const c = await h.view(caseId);
    expect(c.case.definition.version).toBe(1);
    expect(await h.due(caseId, 'determineReferencePrice')).toBe(bj('2026-12-03 00:00'));
    const pkg = (await (await h.s.as('ha-admin')).get('/api/packages/henan')).body.package;
    expect(pkg.parameters.find((p: { id: string }) => p.id === 'determineReferencePrice').value).toBe('20日 自 disposalFrom');
  });

  it('the migration (dry run first, then for real) moves the case; the new deadline acts', async () => {
    const admin = await h.s.as('ha-admin');
    const dry = await admin.post('/api/definitions/henanDisposal/migrate', { fromVersion: 1, toVersion: 3, dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ 'would-migrate': 1 });
    expect((await h.view(caseId)).case.definition.version).toBe(1);
    const real = await admin.post('/api/definitions/henanDisposal/migrate', { fromVersion: 1, toVersion: 3, dryRun: false });
    expect(real.body.counts).toEqual({ migrated: 1 });
    const c = await h.view(caseId);
    expect(c.case.definition.version).toBe(3);
    expect(c.history.filter((e: { type: string }) => e.type === 'migrated')).toHaveLength(1);
    expect(await h.due(caseId, 'determineReferencePrice')).toBe(bj('2026-11-24 00:00'));
    await h.setClock('2026-11-23 23:59');
    await h.expectOpen(caseId, ['determineReferencePrice']);
    await h.setClock('2026-11-24 00:00');
    await h.expectOpen(caseId, ['determineReferencePrice', 'supervisePricing']);
  });

  it('the exported package carries the new value', async () => {
    const read = await readZip((await download('/api/packages/henan/export')).body);
    const xml = read.files.get('processes/disposal.bpmn')!.toString('utf8');
    expect(xml).toContain('camunda:dueDate="20日 自 disposalFrom"');
    expect(xml).toContain('>20日 自 disposalFrom</bpmn:timeDuration>');
    expect(xml).not.toContain('30日 自 disposalFrom');
  });
});
