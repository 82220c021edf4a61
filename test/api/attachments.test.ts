// Attachments: upload into GridFS checked by the bytes, download byte-identical to those who may
// see the case (404 to everyone else), refusals that store nothing, and file references checked
// at completion. The size limit is configured small here (DUBAN_UPLOAD_MAX_MB=0.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../scenarios/helpers';
import type { SignedIn } from './helpers/testPlatform';
import * as files from './helpers/sampleFiles';

const LIMIT = 0.5 * 1024 * 1024;
let s: Scenario;
let handler: SignedIn;
let caseA: { caseId: string; taskId: string };
let caseB: { caseId: string; taskId: string };

beforeAll(async () => {
  s = await startScenario({ env: { DUBAN_UPLOAD_MAX_MB: '0.5' } });
  await s.deploy('report-supervision.bpmn');
  handler = await s.p.login('hi-hk-chengban'); // 海口中院 承办人: the report task is theirs
  caseA = await startCase('（2026）琼01执201号');
  caseB = await startCase('（2026）琼01执202号');
});
afterAll(() => s?.close());

async function startCase(caseNo: string) {
  const starter = await s.as('hi-gy-chengban');
  const r = await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: caseNo } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { caseId: r.body.case.id as string, taskId: r.body.tasks[0].id as string };
}

function upload(who: SignedIn, query: string, bytes: Buffer, filename: string, contentType = 'application/octet-stream') {
  return who.agent.post(`/api/attachments?${query}`).set('X-CSRF-Token', who.csrfToken).attach('file', bytes, { filename, contentType });
}
const binary = (req: any) => req.buffer(true).parse((res: any, done: any) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
});
const stored = async () => ({
  files: await s.p.db.connection.collection('attachments.files').countDocuments(),
  chunks: await s.p.db.connection.collection('attachments.chunks').countDocuments(),
});

describe('upload and download', () => {
  it('stores a PDF with its Chinese name and gives the same bytes back, as a download that is never sniffed', async () => {
    const bytes = files.pdf(300 * 1024); // more than one GridFS chunk
    const name = '书面报告（第一次）.pdf';
    const up = await upload(handler, `task=${caseA.taskId}`, bytes, name, 'application/pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ name, size: bytes.length, type: 'application/pdf', url: `/api/attachments/${up.body.id}` });

    const down = await binary(handler.agent.get(`/api/attachments/${up.body.id}`));
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body, bytes)).toBe(0);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    // The supervising court sees the case, so it may read the file too.
    const upper = await s.p.login('hi-gy-chengban');
    expect((await upper.agent.get(`/api/attachments/${up.body.id}`)).status).toBe(200);
  });

  it.each([
    ['督办函.docx', files.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['督办函.ofd', files.ofd(), 'application/octet-stream'],
    ['听证笔录.doc', files.doc(), 'application/msword'],
    ['现场照片.jpg', files.jpeg(), 'image/jpeg'],
    ['现场照片.png', files.png(), 'image/png'],
  ])('accepts %s', async (name, bytes, type) => {
    const up = await upload(handler, `task=${caseA.taskId}`, bytes, name, type);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
  });

  it('another province may not download it: 404, as if it did not exist', async () => {
    const up = await upload(handler, `task=${caseA.taskId}`, files.pdf(), '材料.pdf', 'application/pdf');
    const henan = await s.p.login('ha-kf-chengban');
    const r = await henan.agent.get(`/api/attachments/${up.body.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('附件不存在');
    expect((await henan.agent.get('/api/attachments/0123456789abcdef01234567')).status).toBe(404);
    expect((await handler.agent.get('/api/attachments/not-an-id')).status).toBe(404);
    expect((await s.p.request().get(`/api/attachments/${up.body.id}`)).status).toBe(401);
  });
});

describe('refusals store nothing', () => {
  it('an .exe renamed .pdf is refused by its bytes, with the reason in Chinese', async () => {
    const before = await stored();
    const r = await upload(handler, `task=${caseA.taskId}`, files.exe(), '执行报告.pdf', 'application/pdf');
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/执行报告\.pdf.*未上传.*内容/);
    expect(await stored()).toEqual(before);
  });

  it('a declared type or an extension that disagrees with the bytes is refused', async () => {
    const before = await stored();
    expect((await upload(handler, `task=${caseA.taskId}`, files.pdf(), 'a.pdf', 'image/png')).status).toBe(422);
    expect((await upload(handler, `task=${caseA.taskId}`, files.png(), 'a.pdf', 'application/pdf')).status).toBe(422);
    const exeName = await upload(handler, `task=${caseA.taskId}`, files.exe(), 'setup.exe', 'application/x-msdownload');
    expect(exeName.status).toBe(422);
    expect(exeName.body.error.message).toMatch(/\.exe/);
    expect(await stored()).toEqual(before);
  });

  it('a zip posing as a .docx is refused at its end, and the chunks already written are removed', async () => {
    const before = await stored();
    const fake = files.zip({ 'payload.bin': Buffer.alloc(400 * 1024, 1) }); // > 1 chunk reaches GridFS first
    const r = await upload(handler, `task=${caseA.taskId}`, fake, '报告.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/Word/);
    expect(await stored()).toEqual(before);
  });

  it('a file over the configured limit is refused mid-stream (413) and no partial file remains', async () => {
    const before = await stored();
    const r = await upload(handler, `task=${caseA.taskId}`, files.pdf(LIMIT + 20 * 1024), '大文件.pdf', 'application/pdf');
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/超过 0\.5 MB/);
    expect(await stored()).toEqual(before);
    const huge = await upload(handler, `task=${caseA.taskId}`, files.pdf(2 * LIMIT), '更大.pdf', 'application/pdf');
    expect(huge.status).toBe(413);
    expect(await stored()).toEqual(before);
  });

  it('only the task\'s assignee uploads for it; the task or case must be named', async () => {
    const henan = await s.p.login('ha-kf-chengban');
    expect((await upload(henan, `task=${caseA.taskId}`, files.pdf(), 'a.pdf')).status).toBe(404);
    const upper = await s.p.login('hi-gy-chengban');
    expect((await upload(upper, `task=${caseA.taskId}`, files.pdf(), 'a.pdf')).status).toBe(403);
    expect((await upload(handler, 'x=1', files.pdf(), 'a.pdf')).status).toBe(400);
    expect((await upload(handler, 'task=no-such-task', files.pdf(), 'a.pdf')).status).toBe(404);
    expect((await upload(upper, `case=${caseA.caseId}`, files.pdf(), '案件材料.pdf', 'application/pdf')).status).toBe(201);
    expect((await upload(henan, `case=${caseA.caseId}`, files.pdf(), 'a.pdf')).status).toBe(404);
  });
});

describe('file references at completion', () => {
  const asFormio = (up: any) => ({ storage: 'url', name: 'renamed-by-client.exe', url: up.url, size: 1, type: 'text/html', data: up });

  it('refuses an attachment of another case, and accepts this task\'s and this case\'s with the stored name, size and type', async () => {
    const other = await upload(handler, `task=${caseB.taskId}`, files.pdf(), 'B 案材料.pdf', 'application/pdf');
    const refused = await handler.agent.post(`/api/tasks/${caseA.taskId}/complete`).set('X-CSRF-Token', handler.csrfToken)
      .send({ data: { result: '未执结', materials: [asFormio(other.body)] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ field: 'materials', label: '相关材料', message: expect.stringMatching(/不属于本案件/) }]);

    const mine = await upload(handler, `task=${caseA.taskId}`, files.pdf(4096), '书面报告.pdf', 'application/pdf');
    const upper = await s.p.login('hi-gy-chengban');
    const caseLevel = await upload(upper, `case=${caseA.caseId}`, files.png(), '督办函.png', 'image/png');
    const done = await handler.agent.post(`/api/tasks/${caseA.taskId}/complete`).set('X-CSRF-Token', handler.csrfToken)
      .send({ data: { result: '未执结', materials: [asFormio(mine.body), asFormio(caseLevel.body)] } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const sub = await s.p.db.connection.collection('submissions').findOne({ taskId: caseA.taskId });
    expect(sub!.data.materials).toEqual([
      { id: mine.body.id, name: '书面报告.pdf', size: 4096, type: 'application/pdf' },
      { id: caseLevel.body.id, name: '督办函.png', size: 1024, type: 'image/png' },
    ]);
  });
});
