// 白山规定 第二十一条 in the supervision ledger: the executing court's 执行局, its 执行局长 and the
// 直接责任人 each lose that year's 评先评优 at their second 通报批评 by 白山中院 — at once, not at
// year end — and only 白山中院's own 通报批评 count (a package issued by a 中院 judges within its
// jurisdiction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../api/helpers/testPlatform';
import { startBaishan, type Baishan } from './helpers';

let h: Baishan;
beforeAll(async () => {
  h = await startBaishan();
}, 180_000);
afterAll(() => h?.close());

/** A supervision of 浑江法院 whose materials are not reported by the set date: the 局长 通报批评. */
async function criticised(at: string, persons: string[]) {
  await h.setClock(at);
  const id = await h.open('baishanSupervision', 'jl-bs-hj', { receivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewMatter');
  const due = new Date(Date.parse(`${at.slice(0, 10)}T00:00:00+08:00`) + 3 * 86400_000).toISOString().slice(0, 10);
  await h.complete(id, 'draftSupervisionLetter', { reportDate: due });
  await h.complete(id, 'approveSupervisionLetter');
  await h.complete(id, 'sendSupervisionLetter');
  await h.until(id, 'materialsOverdue');
  await h.complete(id, 'issueCriticism', {
    ground: '未按要求上报材料或派人汇报（违反第六条）', bureauChief: '浑江法院执行局长', responsiblePersons: persons.map((name) => ({ name })),
  });
  return id;
}

const summary = async (as = 'jl-bs-lingdao') => {
  const r = await (await h.s.as(as)).get('/api/ledger/summary?year=2026');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const subjects = async () => ((await summary()).consequences as { rule: { subject: string } }[]).map((c) => c.rule.subject).sort();

describe('通报批评两次以上：执行局、执行局长和直接责任人取消全年评先、评优资格 (白山规定 第二十一条、第十九条)', () => {
  it('the first 通报批评 names the 执行局 of 浑江法院, its 执行局长 and the 直接责任人; nothing is excluded yet', async () => {
    const id = await criticised('2026-03-02 09:00', ['浑江法院承办人']);
    const e = (await h.ledger()).find((x) => x.caseId === id && x.kind === '通报批评');
    expect(e).toMatchObject({ issuer: 'jl-bs-zy', court: 'jl-bs-hj', unit: '执行局', element: 'issueCriticism' });
    expect(e.persons.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([['浑江法院执行局长', '执行局长'], ['浑江法院承办人', '直接责任人']]);
    expect(await subjects()).toEqual([]);
  });

  it('a 中院 outside 白山 (长春中院) criticising a court of its own twice does not trigger 白山’s rule', async () => {
    const u = { username: 'jl-cc-shenpi', name: '长春中院执行局长', court: 'jl-cc-zy', roles: ['审批人'], password: TEST_PASSWORD };
    expect((await (await h.s.as('jl-admin')).post('/api/users', u)).status).toBe(201);
    const cc = await h.s.as('jl-cc-shenpi');
    for (const reason of ['长春通报一', '长春通报二']) {
      const r = await cc.post('/api/ledger', { kind: '通报批评', court: 'jl-cc-cy', unit: '执行局', persons: [{ name: '朝阳法院执行局长', role: '执行局长' }], reason });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const cs = await (await h.s.as('jl-cc-shenpi')).get('/api/ledger/summary?year=2026');
    expect(cs.body.consequences).toEqual([]);
  });

  it('the second 通报批评 of the year excludes the 执行局, the 执行局长 and the 直接责任人 at once; a person named once is not', async () => {
    await criticised('2026-06-15 09:00', ['浑江法院承办人', '浑江法院书记员']);
    expect(await subjects()).toEqual(['bureau:jl-bs-hj', 'person:jl-bs-hj:浑江法院执行局长', 'person:jl-bs-hj:浑江法院承办人'].sort());
    const s = await summary();
    for (const c of s.consequences) {
      expect(c.basis).toBe('白山规定 第二十一条');
      expect(c.reason).toContain('取消全年的评先、评优资格');
    }
    // 浑江法院 sees its own consequences; the 执行局长 is told in the app (he has an account of that name).
    expect((await summary('jl-hj-shenpi')).consequences).toHaveLength(3);
    const inbox = await (await h.s.as('jl-hj-shenpi')).get('/api/notifications');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).toContain('取消全年的评先、评优资格');
  });
});
