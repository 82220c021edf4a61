// 立案 through the shipped Hainan package's start forms (processes/hainan/manifest.json
// startForms): who may open what against which courts, the form judged on the server, and case
// numbers per province and year with no gap from a refused start, also under parallel starts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, fixture } from '../scenarios/helpers';
import { startTestPlatform, type TestPlatform } from './helpers/testPlatform';

const ROOT = path.resolve(import.meta.dirname, '../..');
let p: TestPlatform;
type User = { get(u: string): Promise<any>; post(u: string, b?: object): Promise<any> };
const users = new Map<string, User>();
async function as(username: string): Promise<User> {
  if (!users.has(username)) {
    const { agent, csrfToken } = await p.login(username);
    users.set(username, {
      get: (u) => agent.get(u),
      post: (u, b = {}) => agent.post(u).set('X-CSRF-Token', csrfToken).send(b),
    });
  }
  return users.get(username)!;
}

const complaint = (over: Record<string, unknown> = {}) => ({
  complaintReceivedAt: '2026-09-28',
  source: '本院申诉信访系统录入交办',
  enforcementCaseNo: '（2026）琼01执123号',
  parties: '申请执行人张三，被执行人海口某公司',
  ...over,
});
const open = async (who: string, body: object) => (await as(who)).post('/api/cases', body);
/** Cases in the admin's list (a plain list, or a page of one with its total). */
const caseCount = async () => {
  const body = (await (await as('admin')).get('/api/cases')).body;
  return (body.total ?? body.cases.length) as number;
};

beforeAll(async () => {
  p = await startTestPlatform({ packagesRoot: ROOT, env: { DUBAN_CLOCK: 'manual' } });
  const r = await (await as('admin')).post('/api/clock', { set: bj('2026-09-29 10:00') });
  expect(r.status).toBe(200);
}, 120_000);
afterAll(() => p?.close());

describe('what a user may open (GET /api/intake/options)', () => {
  it('the 高院 审查人员: 督办 from a complaint, against the province’s 中院, 基层 and 专门 courts, grouped by level', async () => {
    const { options } = (await (await as('hi-gy-shencha')).get('/api/intake/options')).body;
    expect(options.map((o: any) => o.process)).toEqual(['hainanSupervision']);
    const o = options[0];
    expect(o).toMatchObject({ processTitle: '执行案件督办', title: '受理涉执申诉信访（督办）', ownCourt: false, form: { key: 'hainan/startSupervision' } });
    expect(o.requiredData).toEqual(['complaintReceivedAt', 'source', 'enforcementCaseNo', 'parties']);
    const codes = o.supervisedCourts.map((c: any) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['hi-hk-zy', 'hi-hk-qs', 'hi-hk-hs']));
    expect(codes).not.toContain('hi-gy');
    expect(codes.some((c: string) => !c.startsWith('hi-'))).toBe(false);
    const levels = o.supervisedCourts.map((c: any) => c.level);
    expect(levels).toEqual([...levels].sort((a: string, b: string) => ['中院', '基层', '专门'].indexOf(a) - ['中院', '基层', '专门'].indexOf(b)));
    expect(o.supervisedCourts.find((c: any) => c.code === 'hi-hk-zy').name).toBe('海口市中级人民法院');
  });

  it('the 高院 承办人 also opens 分时督办, 挂网交办 and the yearly 通报 (against the 高院 itself)', async () => {
    const { options } = (await (await as('hi-gy-chengban')).get('/api/intake/options')).body;
    expect(options.map((o: any) => o.process).sort()).toEqual(['hainanOnlineAssignment', 'hainanPeriodicNotice', 'hainanSupervision', 'hainanTimeSharedSupervision']);
    const notice = options.find((o: any) => o.process === 'hainanPeriodicNotice');
    expect(notice.ownCourt).toBe(true);
    expect(notice.supervisedCourts.map((c: any) => c.code)).toEqual(['hi-gy']);
  });

  it('a 中院 承办人 supervises only its own 基层 courts; a 基层 承办人, an 审批人 and another province open nothing of Hainan’s', async () => {
    const mid = (await (await as('hi-hk-chengban')).get('/api/intake/options')).body.options;
    expect(mid.map((o: any) => o.process).sort()).toEqual(['hainanSupervision', 'hainanTimeSharedSupervision']);
    const codes = mid[0].supervisedCourts.map((c: any) => c.code).sort();
    expect(codes).toEqual(['hi-hk-lh', 'hi-hk-ml', 'hi-hk-qs', 'hi-hk-xy']);
    for (const who of ['hi-qs-chengban', 'hi-gy-shenpi', 'ha-gy-chengban']) {
      const list = (await (await as(who)).get('/api/intake/options')).body.options;
      expect(list.filter((o: any) => o.packageId === 'hainan'), who).toEqual([]);
    }
  });
});

describe('opening a case (POST /api/cases): refused starts write nothing and draw no number', () => {
  it('refuses, in Chinese, every bad start; no case exists afterwards', async () => {
    const sup = { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy' };
    const missing = await open('hi-gy-shencha', { ...sup, data: complaint({ complaintReceivedAt: undefined }) });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: 'complaintReceivedAt', message: '收到信访材料之日为必填项' })]);
    const future = await open('hi-gy-shencha', { ...sup, data: complaint({ complaintReceivedAt: '2026-09-30' }) });
    expect(future.status).toBe(422);
    expect(future.body.error.details[0]).toMatchObject({ field: 'complaintReceivedAt', message: '收到信访材料之日不能晚于今天（2026-09-29）' });
    const impossible = await open('hi-gy-shencha', { ...sup, data: complaint({ complaintReceivedAt: '2026-02-30' }) });
    expect(impossible.status).toBe(422);
    expect(JSON.stringify(impossible.body.error.details)).toContain('不存在');
    const badSource = await open('hi-gy-shencha', { ...sup, data: complaint({ source: '来信' }) });
    expect(badSource.status).toBe(422);
    expect(badSource.body.error.details[0].field).toBe('source');

    const otherProvince = await open('hi-gy-shencha', { ...sup, supervisedCourt: 'ha-kf-zy', data: complaint() });
    expect(otherProvince.status).toBe(403);
    // Refused by the package's jurisdiction (server/auth scopes) before the start form's own rule.
    expect(otherProvince.body.error.message).toMatch(/只能对本院辖区内的下级法院立案督办|只能在发布法院辖区内立案使用/);
    expect((await open('hi-gy-shencha', { ...sup, supervisedCourt: 'hi-gy', data: complaint() })).status).toBe(403);
    expect((await open('hi-hk-chengban', { ...sup, supervisedCourt: 'hi-sy-cj', data: complaint() })).status).toBe(403);
    const approver = await open('hi-gy-shenpi', { ...sup, data: complaint() });
    expect(approver.status).toBe(403);
    expect(approver.body.error.message).toBe('「受理涉执申诉信访（督办）」只能由海南省高院、中院的审查人员、承办人立案');
    expect((await open('ha-gy-chengban', { ...sup, data: complaint() })).status).toBe(403);
    expect((await open('admin', { ...sup, data: complaint() })).status).toBe(403);
    const unknown = await open('hi-gy-shencha', { process: 'noSuchProcess', supervisedCourt: 'hi-hk-zy' });
    expect(unknown.status).toBe(404);
    const noProcess = await open('hi-gy-shencha', { supervisedCourt: 'hi-hk-zy', data: [] });
    expect(noProcess.status).toBe(400);
    expect(noProcess.body.error.details.map((d: any) => d.field)).toEqual(['process', 'data']);
    const nothing = await open('hi-gy-shencha', {});
    // The supervised court is not asked of every process (the yearly 通报 is the 高院's own).
    expect(nothing.body.error.details.map((d: any) => d.field)).toEqual(['process']);
    const noCourt = await open('hi-gy-shencha', { process: 'hainanSupervision', data: complaint() });
    expect(noCourt.status).toBe(400);
    expect(noCourt.body.error.details[0]).toMatchObject({ field: 'supervisedCourt', message: '请选择被督办法院' });
    expect(await caseCount()).toBe(0);
  });

  it('opens the first case of the year as （2026）琼执督1号, with the form’s data as case data and the review due five days after receipt', async () => {
    // The 督办案号 is the platform's alone (security probe F6): a chosen one is refused, nothing drawn.
    const chosen = await open('hi-gy-shencha', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', caseNo: '自定义', data: complaint() });
    expect(chosen.status).toBe(400);
    expect(chosen.body.error.details).toEqual([expect.objectContaining({ field: 'caseNo' })]);
    const r = await open('hi-gy-shencha', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: complaint({ unknownField: 'x' }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.case.caseNo).toBe('（2026）琼执督1号');
    expect(r.body.case).toMatchObject({ supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy', subject: { enforcementCaseNo: '（2026）琼01执123号', parties: '申请执行人张三，被执行人海口某公司', source: '本院申诉信访系统录入交办' } });
    expect(r.body.case.variables).toMatchObject({ complaintReceivedAt: '2026-09-28' });
    expect(r.body.case.variables.unknownField).toBeUndefined();
    expect(r.body.case.variables.submit).toBeUndefined();
    expect(r.body.tasks).toEqual([expect.objectContaining({ elementId: 'reviewComplaint', assignment: { court: 'hi-gy', role: '审查人员' } })]);
    expect(new Date(r.body.tasks[0].dueAt).toISOString()).toBe(bj('2026-10-09 00:00')); // 五日 from 09-28; 10-03 is 国庆
  });

  it('parallel starts get distinct consecutive numbers; refused starts among them consume none', async () => {
    const good = Array.from({ length: 6 }, (_, i) =>
      open(i % 2 ? 'hi-gy-shencha' : 'hi-hk-chengban', { process: 'hainanSupervision', supervisedCourt: i % 2 ? 'hi-sy-zy' : 'hi-hk-qs', data: complaint() }));
    const bad = Array.from({ length: 4 }, () =>
      open('hi-gy-shencha', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: complaint({ parties: '' }) }));
    const [ok, refused] = [await Promise.all(good), await Promise.all(bad)];
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422, 422]);
    expect(ok.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = ok.map((r) => Number(/琼执督(\d+)号/.exec(r.body.case.caseNo)![1])).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await caseCount()).toBe(7);
  });

  it('each province has its own series (豫 for 河南), and a new year starts again at 1', async () => {
    const admin = await as('admin');
    // A 河南 process belongs to a 河南 package: deployed by 河南高院's 流程管理员.
    expect((await (await as('ha-admin')).post('/api/definitions', { packageId: 'henantest', xml: fixture('report-supervision.bpmn') })).status).toBe(201);
    const henan = await open('ha-gy-chengban', { process: 'reportSupervision', supervisedCourt: 'ha-kf-zy', data: { enforcementCaseNo: '（2026）豫02执1号' } });
    expect(henan.status, JSON.stringify(henan.body)).toBe(201);
    expect(henan.body.case.caseNo).toBe('（2026）豫执督1号');
    // 2026-12-31 16:30 UTC is already 2027 in Beijing.
    expect((await admin.post('/api/clock', { set: '2026-12-31T16:30:00.000Z' })).status).toBe(200);
    const next = await open('hi-gy-shencha', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: complaint({ complaintReceivedAt: '2027-01-01' }) });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.case.caseNo).toBe('（2027）琼执督1号');
  });

  it('the yearly 通报 is opened against the 高院 itself, without choosing a court', async () => {
    const r = await open('hi-gy-chengban', { process: 'hainanPeriodicNotice', data: { noticeYear: 2027 } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.case).toMatchObject({ supervisingCourt: 'hi-gy', supervisedCourt: 'hi-gy' });
    const elsewhere = await open('hi-gy-chengban', { process: 'hainanPeriodicNotice', supervisedCourt: 'hi-hk-zy', data: { noticeYear: 2027 } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toBe('该流程的被督办法院只能是本院');
  });
});
