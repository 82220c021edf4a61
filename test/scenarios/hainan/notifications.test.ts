// The message centre and 人工催办 walked with the shipped Hainan package (issue 23; issue 15's
// consequences): a task arriving is a message to the holders of its role; a 催办 by the 高院
// reaches the lower court's handler and its leaders, the case history and the ledger (海南办法
// 第十二条); the second 通报批评 of a year tells the people the package's rule names, once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Hainan, startHainan, userFor } from './helpers';
import { sample } from './samples';

// Whole case walks through HTTP: generous limits, the machine is shared.
vi.setConfig({ testTimeout: 180_000 });

let h: Hainan;
beforeAll(async () => {
  h = await startHainan({ shipped: true });
}, 240_000);
afterAll(() => h?.close());

interface Msg { id: string; kind: string; title: string; body: string; caseId?: string; taskId?: string; link?: string; read: boolean }

async function inbox(username: string, query = ''): Promise<{ items: Msg[]; total: number; unread: number }> {
  const r = await (await h.s.as(username)).get(`/api/notifications?pageSize=100${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const unread = async (username: string) => {
  const r = await (await h.s.as(username)).get('/api/notifications/unread-count');
  expect(r.status).toBe(200);
  return r.body.unread as number;
};
const ofCase = async (username: string, caseId: string, kind?: string) =>
  (await inbox(username)).items.filter((m) => m.caseId === caseId && (!kind || m.kind === kind));

/** Up to the lower court's 书面报告 (the 专人 of 海口中院 reports; its 执行局长 leads). */
async function toWrittenReport(at: string) {
  await h.setClock(at);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 10 });
  await h.complete(id, 'designateHandler', { route: '书面报告' });
  return id;
}

describe('消息中心 (issue 23)', () => {
  it('a task arriving is a 新任务 message to the holders of its role, once; reading it lowers the count', async () => {
    await h.setClock('2026-03-02 09:00');
    const before = await unread('hi-gy-chengban');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-03-02' });
    expect(await ofCase('hi-gy-chengban', id)).toEqual([]);
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    const task = await h.task(id, 'issueSupervisionLetter');
    const got = await ofCase('hi-gy-chengban', id, '新任务');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ taskId: task.id, link: `/tasks/${task.id}`, read: false });
    expect(got[0].title).toContain(task.name);
    expect(got[0].body).toMatch(/（2026）琼执督\d+号/);
    expect(await unread('hi-gy-chengban')).toBe(before + 1);
    // Not to another role or court.
    expect(await ofCase('hi-gy-shenpi', id, '新任务')).toEqual([]);
    expect(await ofCase('hi-hk-chengban', id, '新任务')).toEqual([]);

    const me = await h.s.as('hi-gy-chengban');
    expect((await me.post(`/api/notifications/${encodeURIComponent(got[0].id)}/read`)).status).toBe(200);
    expect(await unread('hi-gy-chengban')).toBe(before);
    // Someone else's message is not found, whatever their role.
    expect((await (await h.s.as('hi-gy-lingdao')).post(`/api/notifications/${encodeURIComponent(got[0].id)}/read`)).status).toBe(404);
  });

  it('an overdue task tells its holders and their 审批人 once; a deadline warning comes before', async () => {
    const id = await toWrittenReport('2026-04-01 09:00');
    const task = await h.task(id, 'reportInWriting');
    const holder = task.assignment.user ?? 'hi-hk-chengban';
    await h.s.setClock(new Date(Date.parse(task.dueAt!) - 2 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    expect((await ofCase(holder, id, '临期预警')).map((m) => m.taskId)).toEqual([task.id]);
    expect(await ofCase(holder, id, '逾期')).toEqual([]);
    await h.s.setClock(new Date(Date.parse(task.dueAt!) + 3600_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    await h.advance('PT2H');
    const overdue = await ofCase(holder, id, '逾期');
    expect(overdue.map((m) => m.taskId)).toEqual([task.id]);
    expect((await ofCase('hi-hk-shenpi', id, '逾期')).map((m) => m.taskId)).toEqual([task.id]);
    expect(await ofCase('hi-gy-chengban', id, '逾期')).toEqual([]);
  });

  it('a 催办 by the 高院 reaches the handler and the lower court\'s leaders, the case history and the ledger', async () => {
    const id = await toWrittenReport('2026-05-06 09:00');
    const task = await h.task(id, 'reportInWriting');
    const gy = await h.s.as('hi-gy-chengban');

    // Refusals: no reason, the lower court itself, a 督察, a closed task.
    expect((await gy.post(`/api/cases/${id}/urge`, { reason: '  ' })).body.error.message).toBe('请填写催办事由');
    expect((await gy.post(`/api/cases/${id}/urge`, { reason: '请速办', taskId: 'no-such-task' })).status).toBe(404);
    const lower = await (await h.s.as('hi-hk-shenpi')).post(`/api/cases/${id}/urge`, { reason: '自己催自己' });
    expect(lower.status).toBe(403);
    expect(lower.body.error.message).toBe('只有本案的督办法院可以催办');
    expect((await (await h.s.as('hi-gy-ducha')).post(`/api/cases/${id}/urge`, { reason: '督察催办' })).status).toBe(403);

    const r = await gy.post(`/api/cases/${id}/urge`, { reason: '逾期未报告，请于三日内书面报告', taskId: task.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.ledger).toBe(true);
    // Assigned to 海口中院's 承办人 (both holders, the second created by the tests) + its 执行局长.
    expect(task.assignment).toMatchObject({ court: 'hi-hk-zy', role: '承办人' });
    const holder = 'hi-hk-chengban';
    expect(r.body.recipients.map((p: { username: string }) => p.username).sort()).toEqual(['hi-hk-chengban', 'hi-hk-chengban2', 'hi-hk-shenpi']);
    expect(r.body.recipients.find((p: { username: string }) => p.username === 'hi-hk-shenpi').label).toBe('海口中院执行局长（海口市中级人民法院）');

    for (const who of [holder, 'hi-hk-chengban2', 'hi-hk-shenpi']) {
      const got = await ofCase(who, id, '催办');
      expect(got, who).toHaveLength(1);
      expect(got[0].body).toContain('逾期未报告，请于三日内书面报告');
      expect(got[0].body).toContain('海南高院承办人（海南省高级人民法院）');
    }
    expect(await ofCase('hi-qs-shenpi', id, '催办')).toEqual([]);

    const history = await h.history(id);
    const urged = history.filter((e) => e.type === 'urged');
    expect(urged).toHaveLength(1);
    expect(urged[0]).toMatchObject({ actor: 'hi-gy-chengban', data: { reason: '逾期未报告，请于三日内书面报告', tasks: [expect.objectContaining({ taskId: task.id, court: 'hi-hk-zy' })] } });

    const ledger = await (await h.s.as('hi-gy-lingdao')).get('/api/ledger?year=2026&kind=催办');
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.filter((e: { caseId: string }) => e.caseId === id)).toEqual([
      expect.objectContaining({ kind: '催办', issuer: 'hi-gy', court: 'hi-hk-zy', reason: '逾期未报告，请于三日内书面报告', recordedByName: '海南高院承办人' }),
    ]);
  });
});

describe('台账后果的通知 (海南办法 第十三条；暂行规定 第二十七条)', () => {
  async function reviewNotice(at: string) {
    const id = await toWrittenReport(at);
    await h.complete(id, 'reportInWriting');
    await h.complete(id, 'reviewReport', { decision: '通报批评' });
    await h.complete(id, 'reviewNotice', { court: 'hi-hk-hs', persons: [{ name: '海口海事法院承办人', role: '承办人' }] });
    return id;
  }
  const notices = async (who: string) => (await inbox(who)).items.filter((m) => m.kind === '台账后果');

  it('the second 通报批评 of the year tells the 高院 院领导, the court\'s leaders and the person named, exactly once', async () => {
    await reviewNotice('2026-06-01 09:00');
    for (const who of ['hi-gy-lingdao', 'hi-hs-shenpi', 'hi-hs-chengban']) expect(await notices(who), who).toEqual([]);
    await reviewNotice('2026-07-01 09:00');
    const leader = await notices('hi-gy-lingdao');
    // One for the court, one for the person: two subjects of the rule.
    expect(leader.map((m) => m.title).sort()).toEqual(['台账后果：海口海事法院承办人（海口海事法院）', '台账后果：海口海事法院'].sort());
    expect(leader[0].body).toContain('建议取消当年全省法院评优评先资格');
    expect(await notices('hi-hs-shenpi')).toHaveLength(2);
    // The person named (by 姓名 and court, as the ledger records people) has an account: told of their own consequence only.
    expect((await notices('hi-hs-chengban')).map((m) => m.title)).toEqual(['台账后果：海口海事法院承办人（海口海事法院）']);
    // Not told: a 高院 承办人, another court's leader.
    expect(await notices('hi-gy-chengban')).toEqual([]);
    expect(await notices('hi-qs-shenpi')).toEqual([]);

    // The court ranking uses the Hainan package's indicators (manifest ledger.ranking).
    const ranking = (await (await h.s.as('hi-gy-lingdao')).get('/api/ledger/ranking?year=2026&level=专门')).body;
    expect(ranking.declaredBy).toBe('hainan');
    expect(ranking.indicators.map((i: { id: string }) => i.id)).toEqual(['criticisms', 'urges', 'overdue', 'closed', 'praise']);
    expect(ranking.rows.find((r: { court: string }) => r.court === 'hi-hk-hs').values.criticisms).toBe(2);

    // Re-projecting the ledger and catching up the messages writes nothing new.
    await h.s.p.platform.services.ledger.rebuild();
    await h.s.p.platform.services.notifications.catchUp();
    expect(await notices('hi-gy-lingdao')).toHaveLength(2);
  });
});

describe('年度考核 prefilled from the ledger (issue 15; 海南办法 第十三条、第十四条)', () => {
  async function toAssessment() {
    await h.setClock('2026-12-15 09:00');
    const id = await h.open('hainanPeriodicNotice', 'hi-gy', { noticeYear: 2026 }, 'hi-gy-chengban');
    await h.setClock('2027-01-01 00:00');
    await h.complete(id, 'compileQuarterlyNotice');
    await h.complete(id, 'approveQuarterlyNotice');
    const task = await h.task(id, 'annualAssessment');
    const view = await (await h.s.as('hi-gy-chengban')).get(`/api/tasks/${task.id}`);
    expect(view.status).toBe(200);
    return { id, prefill: view.body.prefill };
  }

  it('the 2026 consequences fill the form: 有, the list and the counts; a typed answer does not count', async () => {
    const { id, prefill } = await toAssessment();
    expect(prefill).toMatchObject({ exclusions: '有', situationNoticeCount: 0, urgeCount: 1 });
    expect(prefill.criticismCount).toBeGreaterThanOrEqual(2);
    expect(prefill.exclusionList.split('\n').sort(), prefill.exclusionList).toEqual([
      '海口海事法院承办人（海口海事法院）：一年内被省高院通报批评两次以上（含两次），建议取消当年全省法院评优评先资格',
      '海口海事法院：一年内被省高院通报批评两次以上（含两次），建议取消当年全省法院评优评先资格',
    ]);
    await h.complete(id, 'annualAssessment', { exclusions: '无' });
    expect((await h.variables(id)).annualAssessment).toMatchObject({ exclusions: '有' });
    expect((await h.task(id, 'recommendDisqualification')).assignment).toEqual({ court: 'hi-gy', role: '院领导' });
  });

  it('a 通报 withdrawn on 复议 lifts the consequences (their people are told) and the next form says 无', async () => {
    const leader = await h.s.as('hi-gy-lingdao');
    const list = (await leader.get('/api/ledger?year=2026&kind=通报批评&court=hi-hk-hs')).body.items as { id: string }[];
    expect(list).toHaveLength(2);
    const r = await leader.post(`/api/ledger/${encodeURIComponent(list[0].id)}/reversal`, { reason: '复议撤销' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const lifted = (await inbox('hi-gy-lingdao')).items.filter((m) => m.kind === '台账后果' && m.title.startsWith('台账后果撤销'));
    expect(lifted.map((m) => m.title).sort()).toEqual(['台账后果撤销：海口海事法院', '台账后果撤销：海口海事法院承办人（海口海事法院）']);
    const { prefill } = await toAssessment();
    expect(prefill).toMatchObject({ exclusions: '无', exclusionList: '2026年无' });
  });
});

describe('concurrent completions that each write a ledger entry (issue 15 proof)', () => {
  it('two cases\' 责任倒查通报批评 at once, one of them submitted twice: one entry each, one consequence, one notice', async () => {
    const ids: string[] = [];
    for (const at of ['2027-02-01 09:00', '2027-02-02 09:00']) {
      const id = await toWrittenReport(at);
      await h.complete(id, 'reportInWriting');
      await h.complete(id, 'reviewReport', { decision: '通报批评' });
      ids.push(id);
    }
    const tasks = await Promise.all(ids.map((id) => h.task(id, 'reviewNotice')));
    const who = await h.s.as(userFor(tasks[0].assignment.court!, tasks[0].assignment.role!));
    const body = (t: (typeof tasks)[number]) => ({ data: sample(t.formKey, { court: 'hi-hk-qs', persons: [{ name: '琼山法院承办人', role: '承办人' }] }) });
    const results = await Promise.all([tasks[0], tasks[0], tasks[1]].map((t) => who.post(`/api/tasks/${t.id}/complete`, body(t))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results[2].status).toBe(200);
    // The second submission of one task loses (409 while the first is in flight, 404 once it is done).
    const twice = [results[0].status, results[1].status].sort();
    expect(twice[0]).toBe(200);
    expect([404, 409]).toContain(twice[1]);

    const leader = await h.s.as('hi-gy-lingdao');
    const entries = (await leader.get('/api/ledger?year=2027&kind=通报批评&court=hi-hk-qs')).body.items as { caseId: string }[];
    expect(entries.map((e) => e.caseId).sort()).toEqual([...ids].sort());
    const consequences = (await leader.get('/api/ledger/summary?year=2027')).body.consequences as { rule: { subject: string } }[];
    expect(consequences.filter((c) => c.rule.subject === 'court:hi-hk-qs')).toHaveLength(1);
    expect((await inbox('hi-gy-lingdao')).items.filter((m) => m.title === '台账后果：海口市琼山区人民法院')).toHaveLength(1);
  });
});
