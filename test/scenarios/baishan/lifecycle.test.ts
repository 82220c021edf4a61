// The Baishan package after installation: its export is the shipped files byte for byte and
// re-imports as the same package; 白山中院's 流程管理员 changes a deadline (第九条's 规定时限) and
// migrates the running cases, whose armed timer moves with the new value.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../server/packages';
import { collectShipped } from '../../../server/packages/installShipped';
import { bj, startBaishan, type Baishan } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let h: Baishan;
let running: string;
beforeAll(async () => {
  h = await startBaishan();
  await h.setClock('2026-09-28 10:00');
  running = await h.open('baishanSupervision', 'jl-bs-hj');
  await h.complete(running, 'reviewMatter');
  await h.complete(running, 'draftSupervisionLetter', { reportDate: '2026-12-31' });
  await h.complete(running, 'approveSupervisionLetter');
  await h.complete(running, 'sendSupervisionLetter');
}, 180_000);
afterAll(() => h?.close());

async function admin() {
  const { agent, csrfToken } = await h.s.p.login('jl-bs-admin');
  return {
    put: (url: string, body: object) => agent.put(url).set('X-CSRF-Token', csrfToken).send(body),
    post: (url: string, body: object) => agent.post(url).set('X-CSRF-Token', csrfToken).send(body),
    upload: (zip: Buffer) => agent.post('/api/packages').set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(zip),
    download: (url: string) => agent.get(url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }),
  };
}

describe('export and re-import', () => {
  it('the export of the installed version is the shipped files byte for byte, and re-imports unchanged', async () => {
    const a = await admin();
    const r = await a.download('/api/packages/baishan/export?version=1');
    expect(r.status).toBe(200);
    const read = await readZip(r.body as Buffer);
    expect(read.problems).toEqual([]);
    const { files } = await collectShipped(ROOT, 'baishan');
    const shipped = [...files.keys()].filter((k) => !k.endsWith('.md')).sort();
    expect([...read.files.keys()].filter((k) => !k.endsWith('.md')).sort()).toEqual(shipped);
    for (const k of shipped) expect(read.files.get(k)!.equals(files.get(k)!), k).toBe(true);
    const again = await a.upload(r.body as Buffer);
    expect(again.status, JSON.stringify(again.body).slice(0, 300)).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, package: { id: 'baishan', version: 1 } });
  });
});

describe('a deadline changed, running cases migrated (白山规定 第九条)', () => {
  it('the 60-day limit of the running case is armed for 11-28 00:00', async () => {
    expect(await h.timer(running, 'handlingLimit')).toBe(bj('2026-11-28 00:00'));
  });

  it('changing it to 90 days publishes v2 with a dry run naming the case and its timer before and after', async () => {
    const r = await (await admin()).put('/api/packages/baishan/parameters/handlingLimit', { value: '90日 自 receivedAt' });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body.definition).toMatchObject({ key: 'baishanSupervision', fromVersion: 1, toVersion: 2 });
    const c = r.body.migration.cases.find((x: { caseId: string }) => x.caseId === running);
    expect(c.status).toBe('would-migrate');
    // 90日 from 09-28: day 90 is Sunday 12-27 → Monday 12-28, due 12-29 00:00.
    expect(c.changes).toContainEqual({ element: 'handlingLimit', kind: 'timer', before: bj('2026-11-28 00:00'), after: bj('2026-12-29 00:00') });
    expect((await h.view(running)).case.definition.version).toBe(1);
  });

  it('migrating moves the case to v2: the timer follows the new value, the history records it, work goes on', async () => {
    const r = await (await admin()).post('/api/definitions/baishanSupervision/migrate', { fromVersion: 1, toVersion: 2, dryRun: false });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body.counts).toEqual({ migrated: 1 });
    const v = await h.view(running);
    expect(v.case.definition.version).toBe(2);
    expect(v.history.filter((e: { type: string }) => e.type === 'migrated')).toHaveLength(1);
    expect(await h.timer(running, 'handlingLimit')).toBe(bj('2026-12-29 00:00'));
    await h.complete(running, 'reportMaterials');
    await h.complete(running, 'reviewHandling');
    expect(await h.status(running)).toBe('completed');
  });
});
