// The Shandong package as a whole: the import checks pass with no problem and no warning, every
// numbered item of 一 to 四 is in articles.json and TRACE.md; on a platform it installs at first
// start, exports to exactly its files and re-imports unchanged; a deadline changed by the 高院's
// administrator publishes a new version whose dry run lists the running case with its due instants
// before and after, and the case moves to it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import { readZip } from '../../../server/packages';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';
import { bj, ROOT, startShandong, type Shandong } from './helpers';

const DIR = path.join(ROOT, 'processes/shandong');
const articles = JSON.parse(readFileSync(path.join(DIR, 'articles.json'), 'utf8'));
const DOCS = ['TRACE.md', 'DECISIONS.md']; // documentation beside the package: validated without it (as Hainan's test does); the export carries it

async function shippedFiles({ docs = false } = {}) {
  const source = await collectShipped(ROOT, 'shandong');
  if (!docs) for (const f of DOCS) source.files.delete(f);
  return source;
}

describe('the Shandong package files', () => {
  it('passes import validation with no problem and no warning', async () => {
    const forms = new FormsService({} as never);
    const r = await validatePackage(await shippedFiles(), {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.pkg?.manifest.processes).toHaveLength(15);
    expect(r.pkg?.manifest.parameters).toHaveLength(18);
  });

  it('holds every numbered item of 一 to 四, verbatim from the seed', () => {
    const nos = articles.documents[0].articles.map((a: { no: string }) => a.no);
    expect(nos.filter((n: string) => n.startsWith('一.') && !n.includes('('))).toEqual(['一.1', '一.2', '一.3', '一.4', '一.5', '一.6', '一.7', '一.8']);
    expect(nos.filter((n: string) => n.startsWith('二.'))).toHaveLength(7);
    expect(nos.filter((n: string) => n.startsWith('三.'))).toHaveLength(3);
    expect(nos.filter((n: string) => n.startsWith('四.'))).toHaveLength(3);
    expect(nos.filter((n: string) => n.includes('('))).toHaveLength(14);
    const seed = readFileSync('/work/shared/seeds/shandong-jiben-jiejue-zhixingnan.txt', 'utf8').replace(/\s+/g, '');
    for (const a of articles.documents[0].articles) expect(seed, a.no).toContain(a.text.replace(/\s+/g, ''));
  });

  it('TRACE.md accounts for every item', () => {
    const trace = readFileSync(path.join(DIR, 'TRACE.md'), 'utf8');
    for (const a of articles.documents[0].articles) expect(trace, a.no).toContain(`| ${a.no} |`);
  });
});

describe('the Shandong package on a platform', () => {
  let h: Shandong;
  let running: string;
  beforeAll(async () => {
    h = await startShandong();
    await h.setClock('2026-03-02 10:00');
    running = await h.open('sdCoordination', 'sd-jn-lx', 'sd-jn-chengban', { requestReceivedAt: '2026-03-02' });
  }, 180_000);
  afterAll(() => h?.close());

  const download = async (url: string) => {
    const { agent } = await h.s.p.login('sd-admin');
    return agent.get(url).buffer(true).parse((res: any, cb: any) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  };

  it('installed and published at first start', async () => {
    const r = await (await h.s.as('sd-admin')).get('/api/packages/shandong');
    expect(r.status).toBe(200);
    expect(r.body.status ?? r.body.package?.status).toBe('published');
  });

  it('exports exactly its files, byte for byte, and the export re-imports unchanged', async () => {
    const r = await download('/api/packages/shandong/export');
    expect(r.status).toBe(200);
    const read = await readZip(r.body);
    expect(read.problems).toEqual([]);
    const shipped = await shippedFiles({ docs: true });
    const zipName = (name: string) => (name.endsWith('.bpmn') && !name.includes('/') ? `processes/${name}` : name);
    const expected = new Map([...shipped.files].map(([name, data]) => [zipName(name), data]));
    expect([...read.files.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, data] of expected) expect(read.files.get(name)!.equals(data), name).toBe(true);
    const { agent, csrfToken } = await h.s.p.login('sd-admin');
    const again = await agent.post('/api/packages').set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(r.body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true });
  });

  it('a fixed-date parameter refuses a period, in Chinese', async () => {
    const r = await (await h.s.as('sd-admin')).put('/api/packages/shandong/parameters/selfReportDate', { value: '10日' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('不是固定日期');
  });

  it('协同 answer period 10日 → 15日: the dry run shows 3月12日 24时 → 3月17日 24时; the case migrates', async () => {
    const admin = await h.s.as('sd-admin');
    expect(await h.due(running, 'answerCoordination')).toBe(bj('2026-03-13 00:00'));
    const r = await admin.put('/api/packages/shandong/parameters/coordinationAnswerPeriod', { value: '15日 自 requestReceivedAt' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.definition).toMatchObject({ key: 'sdCoordination', fromVersion: 1, toVersion: 2 });
    const c = r.body.migration.cases.find((x: { caseId: string }) => x.caseId === running);
    expect(c.status).toBe('would-migrate');
    expect(c.changes).toEqual(expect.arrayContaining([
      { element: 'answerCoordination', kind: 'task', before: bj('2026-03-13 00:00'), after: bj('2026-03-18 00:00') },
    ]));
    expect(await h.due(running, 'answerCoordination')).toBe(bj('2026-03-13 00:00'));
    const m = await admin.post('/api/definitions/sdCoordination/migrate', { fromVersion: 1, toVersion: 2, dryRun: false });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.counts).toEqual({ migrated: 1 });
    expect((await h.view(running)).case.definition.version).toBe(2);
    expect(await h.due(running, 'answerCoordination')).toBe(bj('2026-03-18 00:00'));
    // A case opened now runs on the new deadline.
    const fresh = await h.open('sdCoordination', 'sd-jn-lx', 'sd-jn-chengban', { requestReceivedAt: '2026-03-02' });
    expect(await h.due(fresh, 'answerCoordination')).toBe(bj('2026-03-18 00:00'));
  });
});
