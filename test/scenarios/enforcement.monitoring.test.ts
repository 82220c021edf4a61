// Monitoring rules over 执行案件 records (issue 16), on the shipped package processes/shandong
// (its three enforcement rules), with the manual clock: the 法定期限届满前10日 warning starts its
// process exactly at the instant and once — with two platforms racing on one database and after
// one of them is replaced (a restart); a record given a 财产调查 node before the 1-month node
// deadline gets no 通报; record and case are linked both ways.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { startTestPlatform, type SignedIn, type TestPlatform } from '../api/helpers/testPlatform';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let db: Awaited<ReturnType<typeof startEmbeddedMongo>>;
const platforms: TestPlatform[] = [];

/** A root holding only the Shandong package, so the test installs nothing else. */
async function packageRoot(): Promise<string> {
  const root = path.join(dir, 'pkgs');
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'shandong'), path.join(root, kind, 'shandong'), { recursive: true });
  return root;
}

async function start(root: string) {
  const p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual', MONGODB_URI: `${db.uri}/duban_enforcement` }, packagesRoot: root });
  platforms.push(p);
  return p;
}

const SD = (n: number) => `（2026）鲁0102执${n}号`;
const WARNING_AT = '2026-08-20T16:00:00.000Z'; // 届满前10日预警 6个月 自 2026-03-02: 8月21日 0时（北京），23日为星期日前移
const PROPERTY_AT = '2026-04-02T16:00:00.000Z'; // 1个月 自 2026-03-02: 4月2日 24时
const CONTROL_AT = '2026-03-22T16:00:00.000Z'; // 届满前10日预警 1个月 自 2026-03-02: 3月23日 0时（北京）

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duban-enforcement-'));
  db = await startEmbeddedMongo({ dir: path.join(dir, 'db'), port: 0 });
}, 60_000);

afterAll(async () => {
  for (const p of platforms) await p.close().catch(() => undefined);
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('shandong enforcement rules with the manual clock', () => {
  it('warns exactly at the instant, once, with two platforms and across a restart', async () => {
    const root = await packageRoot();
    const a = await start(root);
    const b = await start(root);
    let other = b; // the second platform: B, then its replacement C
    const admin = await a.login('sd-admin');
    const jinan = await a.login('sd-jn-chengban');
    const post = (s: SignedIn, url: string, body: object) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body);
    const setClock = async (at: string) => {
      const r = await post(admin, '/api/clock', { set: at });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // The other platform picks the time up and runs its own pass at once: both race.
      await other.platform.clock.sync();
      await other.platform.services.scheduler.fireDue();
    };
    await setClock('2026-03-02T02:00:00Z');

    const records = Array.from({ length: 12 }, (_, i) => ({ caseNo: SD(i + 1), court: 'sd-jn-lx', handler: '张三', filedAt: '2026-03-02' }));
    const fed = await post(jinan, '/api/enforcement/records', { records });
    expect(fed.status, JSON.stringify(fed.body)).toBe(200);
    expect(fed.body.created).toBe(12);

    // Record 2 gets its 财产调查 node before the 1-month node deadline.
    await setClock('2026-03-20T02:00:00Z');
    const updated = await post(jinan, '/api/enforcement/records', { records: [{ ...records[1], nodes: [{ type: '首次查控', date: '2026-03-20' }] }] });
    expect(updated.body.updated).toBe(1);

    const casesOf = async (process?: string) => {
      const r = await admin.agent.get(`/api/cases?${process ? `process=${process}&` : ''}pageSize=100`);
      expect(r.status).toBe(200);
      return r.body.items as any[];
    };
    // 查控期限届满前10日: every record lacks a 总对总 or a 传统 查控 node (一.3(2)).
    await setClock('2026-03-22T15:59:59Z');
    expect(await casesOf()).toHaveLength(0);
    await setClock(CONTROL_AT);
    expect(await casesOf('sdPropertyWarning')).toHaveLength(12);
    await setClock('2026-04-02T15:59:59Z');
    expect(await casesOf('sdNodeNotice')).toHaveLength(0);
    await setClock(PROPERTY_AT);
    // Every record but the one with a 首次查控 node: 立案后1个月内不进行财产调查 (一.3(4)).
    expect(await casesOf('sdNodeNotice')).toHaveLength(11);
    const listed = await admin.agent.get(`/api/enforcement/records?caseNo=${encodeURIComponent(SD(2))}`);
    expect(listed.body.items[0].cases.map((l: any) => l.process)).toEqual(['sdPropertyWarning']);

    await setClock('2026-08-20T15:59:59Z');
    expect(await casesOf('sdNodeWarning')).toHaveLength(0);
    await setClock(WARNING_AT);
    let cases = await casesOf();
    expect(cases).toHaveLength(35);
    expect(await casesOf('sdNodeWarning')).toHaveLength(12);

    // A restart: platform B replaced by a new one on the same database; time moves on.
    await b.close();
    platforms.splice(platforms.indexOf(b), 1);
    other = await start(root);
    await setClock('2026-09-30T00:00:00Z');
    expect(await casesOf()).toHaveLength(35);

    // Exactly at the instant, linked both ways, and once per record and rule.
    const full = await Promise.all(cases.map(async (x) => (await admin.agent.get(`/api/cases/${x.id}`)).body));
    const warnings = full.filter((x) => x.case.variables.enforcementRule?.id === 'statutoryLimitWarning');
    expect(warnings).toHaveLength(12);
    for (const w of warnings) {
      expect(new Date(w.case.createdAt).toISOString()).toBe(WARNING_AT);
      expect(w.case.supervisingCourt).toBe('sd-jn-zy');
      expect(w.case.supervisedCourt).toBe('sd-jn-lx');
      expect(w.tasks.map((t: any) => t.elementId)).toEqual(['warnAndSupervise']);
    }
    const one = warnings[0];
    const caseId = one.case.id;
    const record = await admin.agent.get(`/api/enforcement/cases/${caseId}/record`);
    expect(record.status).toBe(200);
    expect(record.body.cases.map((l: any) => l.caseId)).toContain(caseId);
    expect(record.body.cases).toHaveLength(record.body.caseNo === SD(2) ? 2 : 3);
    const keys = full.map((x) => x.case.variables.enforcementTrigger);
    expect(new Set(keys).size).toBe(35);
    const starters = new Set(full.map((x) => x.history?.[0]?.actor));
    expect(starters).toEqual(new Set(['system']));
  }, 300_000);

  it('filters cases and the inbox by 执行法院 and 案号', async () => {
    const a = platforms[0];
    const admin = await a.login('sd-admin');
    const byCourt = await admin.agent.get('/api/cases?enforcementCourt=sd-jn-lx&pageSize=100');
    expect(byCourt.status).toBe(200);
    expect(byCourt.body.total).toBe(35);
    const none = await admin.agent.get('/api/cases?enforcementCourt=sd-jn-sz');
    expect(none.body.total).toBe(0);
    const byNo = await admin.agent.get(`/api/cases?enforcementCaseNo=${encodeURIComponent(SD(3))}`);
    expect(byNo.body.total).toBe(3);
    const clerk = await a.login('sd-jn-chengban');
    const inbox = await clerk.agent.get(`/api/tasks?enforcementCaseNo=${encodeURIComponent(SD(3))}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.length).toBe(2);
    expect(inbox.body.items.every((t: any) => t.subject?.enforcementCaseNo === SD(3) || t.case?.subject?.enforcementCaseNo === SD(3))).toBe(true);
    const other = await clerk.agent.get('/api/tasks?enforcementCourt=sd-jn-sz');
    expect(other.body.items.length).toBe(0);
  }, 60_000);
});
