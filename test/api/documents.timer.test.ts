// A document bound to a timer is issued when the timer fires (逾期即发催办函): the shipped Hainan
// package with one more kind, 逾期催办函, bound to 逾期未报告 (the boundary timer of 书面报告), its
// template the shipped 催办函 with fixed wording in place of the 催办 form's fields. The 高院
// issues it in the platform's name at the timer's own instant; a later setClock does not issue
// it twice.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_PACKAGES_ROOT } from '../../server/platform/createPlatform';
import { docxText } from '../helpers/docxText';
import { startScenario } from '../scenarios/helpers';
import { bj, hainan, type Hainan } from '../scenarios/hainan/helpers';

let h: Hainan;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'duban-timer-docs-'));
  // Hainan alone (processes/hainan + forms/hainan), laid out as the repository lays it.
  await cp(path.join(SHIPPED_PACKAGES_ROOT, 'processes/hainan'), path.join(root, 'processes/hainan'), { recursive: true });
  await cp(path.join(SHIPPED_PACKAGES_ROOT, 'forms/hainan'), path.join(root, 'forms/hainan'), { recursive: true });
  const dir = path.join(root, 'processes/hainan');
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.documents.push({ kind: 'overdueUrging', name: '逾期催办函', template: 'overdueUrging.docx', elements: ['reportOverdue'], numbering: '（{年}）{代字}执催函{号}号' });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const zip = new PizZip(await readFile(path.join(dir, 'templates/urgingLetter.docx')));
  zip.file('word/document.xml', zip.file('word/document.xml')!.asText()
    .replace('{content}', '你院逾期未向本院书面报告督办案件办理情况。').replace('{compliancePeriod}', '五'));
  await writeFile(path.join(dir, 'templates/overdueUrging.docx'), zip.generate({ type: 'nodebuffer' }));
  h = hainan(await startScenario({ packagesRoot: root }));
}, 120_000);
afterAll(async () => {
  await h?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a timer issues its document', () => {
  it('逾期未报告 fires at 10-09 00:00 and the 高院\'s 逾期催办函 is issued at that instant, once', async () => {
    await h.setClock('2026-09-30 16:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-30', enforcementCaseNo: '（2026）琼01执88号' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 5 });
    await h.complete(id, 'designateHandler', { route: '书面报告' });
    const reader = await h.s.as('hi-hk-chengban');
    const list = async () => (await reader.get(`/api/cases/${id}/documents`)).body.documents as any[];
    expect((await list()).map((d) => d.name)).toEqual(['督办函']);

    await h.setClock('2026-10-08 23:59');
    expect((await list()).map((d) => d.name)).toEqual(['督办函']);
    await h.setClock('2026-10-09 00:00');
    const docs = await list();
    expect(docs.map((d) => d.name)).toEqual(['督办函', '逾期催办函']);
    const urging = docs[1];
    expect(urging).toMatchObject({
      status: 'issued', number: '（2026）琼执催函1号', element: 'reportOverdue',
      issuer: { court: 'hi-gy', courtName: '海南省高级人民法院', name: '执行督办平台（期限届满自动签发）' },
      recipient: { courtName: '海口市中级人民法院' },
    });
    expect(new Date(urging.issuedAt).toISOString()).toBe(bj('2026-10-09 00:00'));
    const { agent } = await h.s.p.login('hi-hk-chengban');
    const file = await agent.get(urging.file.url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const text = docxText(file.body as Buffer);
    expect(text).toContain('你院逾期未向本院书面报告督办案件办理情况。');
    expect(text).toContain('（2026）琼01执88号');
    expect(text).toContain('2026年10月9日');

    await h.setClock('2026-10-12 09:00');
    expect((await list()).filter((d) => d.name === '逾期催办函')).toHaveLength(1);
  }, 120_000);

  it('a package binding a document to a timer is accepted; to a non-timer boundary it is refused with a Chinese reason', async () => {
    const { checkDocuments } = await import('../../server/documents/binding');
    const problems = checkDocuments(
      { documents: [{ kind: 'x', name: '测试函', template: 'x.docx', elements: ['e1'], numbering: '{号}' }] } as never,
      new Map(),
      [{ id: 'e1', type: 'bpmn:BoundaryEvent', process: 'p', documentation: '', isTimer: false }],
      [],
    );
    expect(problems.map((p) => p.message)).toEqual(['文书「测试函」：元素「e1」是 BoundaryEvent：只有用户任务（办结时）、中间/结束事件（到达时）或定时事件（期限届满时）可以签发文书']);
  });
});
