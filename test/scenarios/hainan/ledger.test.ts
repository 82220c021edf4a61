// The supervision ledger walked with the shipped Hainan package (issue 15; issue 14 D3, D9, D22):
// each 通报批评 is written by the task that issues it into the ledger, counted once per court and
// per person by Beijing year, and the package's rule (办法 第十三条 / 暂行规定 第二十七条: two
// 通报批评 by the 高院 in a year) records its consequence at the second one, not at year end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hainan, startHainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan({ shipped: true });
}, 240_000);
afterAll(() => h?.close());

const leader = () => h.s.as('hi-gy-lingdao');

/** 督办 → 督办函 → 专人 → 书面报告 → 审查: 通报批评 (责任倒查, 第二十六条) of `court` naming `persons`. */
async function reviewNotice(at: string, court: string, persons: string[], checkRefusal = false) {
  await h.setClock(at);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 10 });
  await h.complete(id, 'designateHandler', { route: '书面报告' });
  await h.complete(id, 'reportInWriting');
  await h.complete(id, 'reviewReport', { decision: '通报批评' });
  if (checkRefusal) {
    // D22: 责任倒查 is always 通报批评 of a responsible court and at least one responsible person.
    const body = await h.refused(id, 'reviewNotice', 'hi-gy-shenpi', 422, { court, persons: [] });
    expect(JSON.stringify(body)).toContain('persons');
    await h.refused(id, 'reviewNotice', 'hi-gy-shenpi', 422, { court: '', persons: [{ name: '李四', role: '承办人' }] });
  }
  await h.complete(id, 'reviewNotice', { court, persons: persons.map((name) => ({ name, role: '承办人' })) });
  return id;
}

async function get(path: string, as = 'hi-gy-lingdao') {
  const r = await (await h.s.as(as)).get(path);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const consequences = async (year: number) =>
  ((await get(`/api/ledger/summary?year=${year}`)).consequences as { courtName: string; persons: { name: string }[]; rule: { subject: string; count: number } }[])
    .map((c) => c.rule.subject).sort();

describe('督办台账 (海南办法 第十三条；暂行规定 第二十六条、第二十七条)', () => {
  let first: string;
  let second: string;

  it('one 通报批评 is one ledger entry and counts once on the dashboard (D3)', async () => {
    first = await reviewNotice('2026-03-02 09:00', 'hi-hk-zy', ['李四'], true);
    const list = await get('/api/ledger?year=2026&kind=通报批评');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      kind: '通报批评', issuer: 'hi-gy', issuerName: '海南省高级人民法院', court: 'hi-hk-zy', courtName: '海口市中级人民法院',
      caseId: first, element: 'reviewNotice', elementName: '责任倒查通报批评', year: 2026, recordedByName: '海南高院执行局长',
      persons: [expect.objectContaining({ name: '李四', court: 'hi-hk-zy', courtName: '海口市中级人民法院' })],
    });
    expect(list.items[0].basis).toContain('海南暂行规定 第二十六条');
    const stats = await get('/api/stats/overview');
    expect(stats.totals.notices).toBe(1);
    expect(stats.notices).toEqual([{ issuer: 'hi-gy', court: 'hi-hk-zy', year: 2026, kind: '通报批评', count: 1 }]);
    expect(await consequences(2026)).toEqual([]);
  });

  it('a 情况通报 and two 通报批评 by a 中院 do not count toward the 高院 rule', async () => {
    const gy = await leader();
    expect((await gy.post('/api/ledger', { kind: '情况通报', court: 'hi-hk-zy', reason: '季度情况通报' })).status).toBe(201);
    const zy = await h.s.as('hi-hk-shenpi');
    for (const reason of ['中院通报一', '中院通报二']) {
      const r = await zy.post('/api/ledger', { kind: '通报批评', court: 'hi-hk-xy', reason });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    expect(await consequences(2026)).toEqual([]);
    const s = await get('/api/ledger/summary?year=2026');
    expect(s.courts.find((c: { court: string }) => c.court === 'hi-hk-zy').counts).toEqual({ 通报批评: 1, 情况通报: 1 });
  });

  it('the second 通报批评 of the year (31 December 23:30 Beijing) flags the court and the person at once (D9)', async () => {
    second = await reviewNotice('2026-12-31 23:30', 'hi-hk-zy', ['李四']);
    expect(await consequences(2026)).toEqual(['court:hi-hk-zy', 'person:hi-hk-zy:李四']);
    const s = await get('/api/ledger/summary?year=2026');
    expect(s.consequences[0].reason).toContain('建议取消当年全省法院评优评先资格');
    expect(s.consequences[0].basis).toBe('海南办法 第十三条；海南暂行规定 第二十七条');
    // The lower court sees its own ledger, consequences included; a court outside it sees nothing.
    const own = await get('/api/ledger/summary?year=2026', 'hi-hk-shenpi');
    expect(own.consequences).toHaveLength(2);
  });

  it('a 通报批评 after midnight belongs to the next year: counted apart, no consequence', async () => {
    await reviewNotice('2027-01-01 00:10', 'hi-hk-zy', ['王五']);
    expect(await consequences(2027)).toEqual([]);
    const s = await get('/api/ledger/summary?year=2027');
    expect(s.courts.find((c: { court: string }) => c.court === 'hi-hk-zy').counts).toEqual({ 通报批评: 1 });
    expect(s.persons.map((p: { name: string }) => p.name)).toEqual(['王五']);
  });

  it('a 通报批评 withdrawn on 复议 is reversed by a new entry; the count drops and the consequence is lifted', async () => {
    const list = await get(`/api/ledger?year=2026&kind=通报批评`);
    const entry = list.items.find((e: { caseId: string }) => e.caseId === second);
    const zy = await h.s.as('hi-hk-shenpi');
    expect((await zy.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '复议撤销' })).status).toBe(403);
    const gy = await leader();
    expect((await gy.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, {})).status).toBe(400);
    const r = await gy.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '经复议，撤销该通报批评' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await gy.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '再次撤销' })).status).toBe(409);
    expect(await consequences(2026)).toEqual([]);
    const again = await get(`/api/ledger?year=2026&kind=通报批评`);
    expect(again.items.find((e: { id: string }) => e.id === entry.id).reversed).toBe(true);
    const stats = await get('/api/stats/overview');
    expect(stats.notices.filter((n: { year: number; kind: string; issuer: string }) => n.year === 2026 && n.kind === '通报批评' && n.issuer === 'hi-gy')).toEqual([
      { issuer: 'hi-gy', court: 'hi-hk-zy', year: 2026, kind: '通报批评', count: 1 },
    ]);
  });
});
