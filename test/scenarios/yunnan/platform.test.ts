// The Yunnan package on a platform: installed and published at first start; exported as a zip
// that holds the shipped files byte for byte and re-imports as the same package; a deadline
// changed in 期限一览 (2018年3月底前 → 2018年4月15日前 for the 中院's consolidated report) gives a new
// version whose dry run lists the running 整改事项, and the migration moves the open tasks' due dates.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../server/packages';
import { bj, startYunnan, type Yunnan } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let y: Yunnan;
let id: string;
beforeAll(async () => {
  y = await startYunnan('2018-02-05 09:00');
}, 180_000);
afterAll(() => y?.close());

const download = async (url: string) => {
  const { agent } = await y.s.p.login('yn-admin');
  return agent.get(url).buffer(true).parse((res: any, done: any) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => done(null, Buffer.concat(parts)));
  });
};

describe('the shipped package', () => {
  it('is installed and published at first start', async () => {
    const r = await (await y.s.as('yn-admin')).get('/api/packages/yunnan');
    expect(r.status).toBe(200);
    expect(r.body.package).toMatchObject({ id: 'yunnan', province: '云南省', status: 'published' });
    expect(r.body.package.parameters.find((p: any) => p.id === 'consolidationDue').value).toBe('2018年3月底前');
  });

  it('exports the shipped files byte for byte, and the export re-imports as the same package', async () => {
    const r = await download('/api/packages/yunnan/export');
    expect(r.status).toBe(200);
    const zip = await readZip(r.body);
    expect(zip.problems).toEqual([]);
    const expected = new Map<string, Buffer>();
    // The shipped package is the directory as it stands (its DECISIONS.md and TRACE.md travel with it).
    for (const f of readdirSync(path.join(ROOT, 'processes/yunnan')).filter((x) => !x.endsWith('.bpmn'))) expected.set(f, readFileSync(path.join(ROOT, 'processes/yunnan', f)));
    for (const f of readdirSync(path.join(ROOT, 'processes/yunnan')).filter((x) => x.endsWith('.bpmn'))) expected.set(`processes/${f}`, readFileSync(path.join(ROOT, 'processes/yunnan', f)));
    for (const f of readdirSync(path.join(ROOT, 'forms/yunnan'))) expected.set(`forms/${f}`, readFileSync(path.join(ROOT, 'forms/yunnan', f)));
    expect([...zip.files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [p, data] of expected) expect(zip.files.get(p)!.equals(data), p).toBe(true);
    const { agent, csrfToken } = await y.s.p.login('yn-admin');
    const again = await agent.post('/api/packages').set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(r.body);
    expect(again.status, JSON.stringify(again.body).slice(0, 400)).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, package: { id: 'yunnan' } });
  });

  // 条文：云南整改方案 三.(三)
  it('a running 整改事项 waits for the 中院\'s consolidated reports, due by 2018年3月底前', async () => {
    id = await y.open('yunnanRectification', 'yn-gy-chengban', { area: '二.(五) 执行信息化建设', itemTitle: '流程系统与大数据平台数据不一致' });
    await y.complete(id, 'recordItem', { intermediateCourts: ['yn-km-zy'], deadline: '2018-03-20' });
    await y.complete(id, 'approveItem');
    await y.complete(id, 'deployRectification', { lowerCourts: ['yn-km-wh'] });
    for (const court of ['yn-km-zy', 'yn-km-wh']) await y.complete(id, 'reportRectification', {}, { court });
    expect((await y.task(id, 'consolidateReport')).dueAt).toBe(bj('2018-04-01 00:00'));
  });

  // 条文：云南整改方案 三.(三)
  it('the administrator moves the date to 2018年4月15日前: a new version, a dry run listing the case, then the migration', async () => {
    const admin = await y.s.as('yn-admin');
    const bad = await admin.put('/api/packages/yunnan/parameters/consolidationDue', { value: '四月中' });
    expect(bad.status).toBe(400);
    const r = await admin.put('/api/packages/yunnan/parameters/consolidationDue', { value: '2018年4月15日前' });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body.definition).toMatchObject({ key: 'yunnanRectification', fromVersion: 1, toVersion: 2 });
    const entry = r.body.migration.cases.find((c: any) => c.caseId === id);
    expect(entry.status).toBe('would-migrate');
    expect(entry.changes).toEqual(expect.arrayContaining([{ element: 'consolidateReport', kind: 'task', before: bj('2018-04-01 00:00'), after: bj('2018-04-16 00:00') }]));
    expect((await y.view(id)).case.definition.version).toBe(1);
    const m = await admin.post('/api/definitions/yunnanRectification/migrate', { fromVersion: 1, toVersion: 2, dryRun: false });
    expect(m.status, JSON.stringify(m.body).slice(0, 400)).toBe(200);
    expect(m.body.counts).toMatchObject({ migrated: 1 });
    expect((await y.view(id)).case.definition.version).toBe(2);
    expect((await y.task(id, 'consolidateReport')).dueAt).toBe(bj('2018-04-16 00:00'));
    // The case goes on under the new version.
    await y.complete(id, 'consolidateReport');
    await y.complete(id, 'checkByArea');
    expect(await y.openIds(id)).toEqual([]);
  });
});
