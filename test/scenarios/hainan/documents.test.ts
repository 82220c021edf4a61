// 海南 督办函 issued from the shipped package (processes/hainan/templates + manifest
// `documents`): walk a case to 制作督办函, complete it, and read the .docx the supervised court
// downloads — its 文号, its courts, the handler's text — parsed back, not byte-compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_PACKAGES_ROOT } from '../../../server/platform/createPlatform';
import { docxText } from '../../helpers/docxText';
import { startScenario } from '../helpers';
import { hainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = hainan(await startScenario({ packagesRoot: SHIPPED_PACKAGES_ROOT }));
}, 120_000);
afterAll(() => h?.close());

async function download(username: string, url: string) {
  const user = await h.s.as(username);
  return (user.get(url) as unknown as import('supertest').Test).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

describe('督办函 with its 文号 (海南办法 第四条、第六条)', () => {
  let id: string;
  let doc: any;

  it('a refused completion of 制作督办函 issues nothing', async () => {
    await h.setClock('2026-10-08 10:00');
    id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-10-08', parties: '申请执行人甲公司；被执行人乙公司' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    await h.refused(id, 'issueSupervisionLetter', 'hi-hk-chengban', 403);
    await h.refused(id, 'issueSupervisionLetter', 'hi-gy-chengban', 422, { reportPeriod: 'x' });
    const r = await (await h.s.as('hi-gy-chengban')).get(`/api/cases/${id}/documents`);
    expect(r.status).toBe(200);
    expect(r.body.documents).toEqual([]);
  });

  it('completing it issues the 督办函 numbered （2026）琼执督函1号 by the 高院, with template revision 1 pinned', async () => {
    await h.setClock('2026-12-07 09:30');
    await h.complete(id, 'issueSupervisionLetter', {
      issues: '超过法定期限未执结。\n未及时发放执行款。', requirements: '依法及时执行并书面报告。', reportPeriod: 15,
      methods: { report: true }, urgent: true,
    });
    const r = await (await h.s.as('hi-gy-chengban')).get(`/api/cases/${id}/documents`);
    expect(r.status).toBe(200);
    expect(r.body.documents).toHaveLength(1);
    doc = r.body.documents[0];
    expect(doc).toMatchObject({
      kind: 'supervisionLetter', name: '督办函', number: '（2026）琼执督函1号', status: 'issued', element: 'issueSupervisionLetter',
      issuer: { court: 'hi-gy', courtName: '海南省高级人民法院' },
      recipient: { court: 'hi-hk-zy', courtName: '海口市中级人民法院' },
      template: { revision: 1 },
    });
    expect(doc.file.name).toBe('督办函（2026）琼执督函1号.docx');
  });

  it('the supervised court downloads it; its text names the courts, the cases, the handler\'s items, the date', async () => {
    const r = await download('hi-hk-chengban', doc.file.url);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(r.body);
    const lines = text.split('\n');
    expect(lines[0]).toBe('海南省高级人民法院');
    expect(lines[1]).toBe('（2026）琼执督函1号');
    expect(text).toContain('督 办 函');
    expect(text).toContain('海口市中级人民法院：');
    expect(text).toContain('（2026）琼01执123号案件');
    const caseNo = (await h.view(id)).case.caseNo;
    expect(text).toContain(`本院督办案号：${caseNo}`);
    expect(text).toContain('一、督办事项：超过法定期限未执结。\n未及时发放执行款。');
    expect(text).toContain('二、办理要求：依法及时执行并书面报告。');
    expect(text).toMatch(/三、督办方式：\S+/);
    expect(text).toContain('收到本函之日起15日内');
    expect(text).toContain('情况紧急，请你院立即向本院汇报');
    expect(text).toContain('2026年12月7日');
    expect(text).not.toMatch(/[{}]/);
  });

  it('a court outside the case cannot see or download it (404)', async () => {
    const stranger = await h.s.as('hi-hs-chengban');
    expect((await stranger.get(doc.file.url)).status).toBe(404);
    expect((await stranger.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/cases/${id}/documents`)).status).toBe(404);
  });

  it('a second case gets the next number of the series: （2026）琼执督函2号', async () => {
    const second = await h.open('hainanSupervision', 'hi-sy-zy', { complaintReceivedAt: '2026-12-07' });
    await h.complete(second, 'reviewComplaint', { decision: '督办' });
    await h.complete(second, 'issueSupervisionLetter', { reportPeriod: 10 });
    const r = await (await h.s.as('hi-gy-chengban')).get(`/api/cases/${second}/documents`);
    expect(r.body.documents.map((d: any) => d.number)).toEqual(['（2026）琼执督函2号']);
  });
});
