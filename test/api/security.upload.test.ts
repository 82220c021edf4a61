// F1 of the security probe (UP-11, UP-11c): a multipart body cut off before its closing boundary
// had killed the platform process when the cut part was one the handler skips. The platform runs
// here as `npm start` runs it (a child process, real HTTP over a socket); after every malformed
// upload it must still answer /readyz and sign users in.
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';

const PASSWORD = 'upload-probe-2026';
let dataDir: string;
let platform: ChildPlatform;
let cookie: string;
let csrf: string;
let caseId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-upload-probe-'));
  platform = await startChildPlatform({ DATA_DIR: dataDir, DUBAN_SEED_PASSWORD: PASSWORD, DUBAN_DEMO: 'open' });
  const login = await fetch(`${platform.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hi-gy-chengban', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0];
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const started = await fetch(`${platform.url}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: { complaintReceivedAt: '2026-12-01', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执123号', parties: '申请执行人张三，被执行人海口某公司' } }),
  });
  expect(started.status, await started.clone().text()).toBe(201);
  caseId = ((await started.json()) as { case: { id: string } }).case.id;
}, 180_000);
afterAll(async () => {
  platform?.child.kill('SIGTERM');
  await platform?.exited;
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends the request over a raw socket exactly as written (Content-Length = the bytes sent). */
function raw(body: string, { closeEarly = false } = {}): Promise<string> {
  const { port } = new URL(platform.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    const length = Buffer.byteLength(body) + (closeEarly ? 1000 : 0);
    socket.write(
      `POST /api/attachments?case=${caseId} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrf}\r\n` +
      `Content-Type: multipart/form-data; boundary=zzz\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${body}`,
    );
    if (closeEarly) setTimeout(() => socket.end(), 200);
  });
}

async function stillServes() {
  expect((await fetch(`${platform.url}/readyz`)).status).toBe(200);
  await signIn(platform.url, 'hi-gy-ducha', PASSWORD);
}

const part = (headers: string, content = '%PDF-1.4 truncated') => `--zzz\r\n${headers}\r\n\r\n${content}`;

describe('a cut-off upload never stops the platform', () => {
  it.each([
    ['UP-11: the part has no Content-Type (refused type), body ends before the boundary', part('Content-Disposition: form-data; name="file"; filename="a.pdf"')],
    ['UP-11c: a part named other than "file"', part('Content-Disposition: form-data; name="notfile"; filename="a.pdf"\r\nContent-Type: application/pdf')],
    ['a second file part, cut off', `${part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf', '%PDF-1.4\n' + 'x'.repeat(9000))}\r\n${part('Content-Disposition: form-data; name="file"; filename="b.pdf"\r\nContent-Type: application/pdf')}`],
    ['the accepted part itself, cut off', part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf')],
    ['headers of a part cut off', '--zzz\r\nContent-Disposition: form-da'],
  ])('%s → 400, and the platform still serves', async (_name, body) => {
    const answer = await raw(body);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(answer).toContain('上传内容格式不正确');
    await stillServes();
  });

  it('a client that hangs up in the middle of the body', async () => {
    await raw(part('Content-Disposition: form-data; name="notfile"; filename="a.pdf"'), { closeEarly: true });
    await stillServes();
  });
});
