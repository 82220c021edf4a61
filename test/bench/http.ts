// The same steps as a handler's browser sends them: real HTTP on a loopback port, a signed-in
// session (cookie), the CSRF header and JSON bodies, through express, passport and the
// jurisdiction guards. Next to each, the service call alone measured in the same section, so
// the table shows what the HTTP layer adds.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseDoc } from '../../server/cases/case.model';
import { ACTOR, REVIEW, START_INPUT, benchPlatform, fmt, interleaved, latNote, round, scaled, type Row } from './lib';

const PASSWORD = 'bench-password-2026'; // benchPlatform's DUBAN_SEED_PASSWORD

interface Session { post(path: string, body: unknown): Promise<{ status: number; body: any }> }

// node:http with a keep-alive agent, not fetch: the client shares the process (and the two
// cores) with the server, and undici's fetch costs more CPU per request than the server's
// own HTTP layer does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; body: any; cookies: string[] }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
        cookies: res.headers['set-cookie'] ?? [],
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(base: string, username: string): Promise<Session> {
  const res = await post(base, '/api/session', { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.cookies.map((c) => c.split(';')[0]).join('; ');
  const headers = { cookie, 'x-csrf-token': (res.body as { csrfToken: string }).csrfToken };
  return { post: (path, body) => post(base, path, body, headers) };
}

const expectStatus = (r: { status: number; body: unknown }, status: number) => {
  if (r.status !== status) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body as any;
};

export async function benchHttp(rows: Row[], log: (s: string) => void): Promise<void> {
  const N = scaled(400, 40);
  const { platform, close } = await benchPlatform();
  const server = http.createServer(platform.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const { cases, tasks } = platform.services;
    const starter = await signIn(base, ACTOR.username);
    const handler = starter; // 审查信访材料 goes to the 高院's 审查人员, who opened the case
    const viaHttp: string[] = [];
    const viaService: CaseDoc[] = [];
    const startHttp = async () => viaHttp.push(expectStatus(await starter.post('/api/cases', START_INPUT), 201).tasks[0].id);
    const startService = async () => viaService.push(await cases.start(START_INPUT, ACTOR));
    log(`http: warm-up`);
    for (let i = 0; i < 30; i++) await startHttp();
    for (const id of viaHttp.splice(0)) expectStatus(await handler.post(`/api/tasks/${id}/complete`, { data: REVIEW }), 200);
    log(`http: starts and completions, 8 in flight (${N} of each, interleaved with the service calls)`);
    const S = await interleaved(5, {
      http: { n: N, concurrency: 8, fn: startHttp },
      service: { n: N, concurrency: 8, fn: startService },
    });
    const C = await interleaved(5, {
      http: { n: N, concurrency: 8, fn: async (i) => expectStatus(await handler.post(`/api/tasks/${viaHttp[i]}/complete`, { data: REVIEW }), 200) },
      service: { n: N, concurrency: 8, fn: (i) => tasks.complete(viaService[i].openTasks[0].id, REVIEW, ACTOR) },
    });
    rows.push(
      { benchmark: 'HTTP POST /api/cases (session, CSRF, guards, JSON), 8 in flight', figure: round(S.http.rate), unit: 'starts/s',
        baseline: `${fmt(S.service.rate)}/s cases.start() without HTTP`, target: '≥ 150/s',
        note: `${S.http.rate >= 150 ? 'met' : 'MISSED'}; ${latNote(S.http)}` },
      { benchmark: 'HTTP POST /api/tasks/:id/complete (form check, guards), 8 in flight', figure: round(C.http.rate), unit: 'completions/s',
        baseline: `${fmt(C.service.rate)}/s tasks.complete() without HTTP`, target: '≥ 200/s',
        note: `${C.http.rate >= 200 ? 'met' : 'MISSED'}; ${latNote(C.http)}` },
    );
  } finally {
    agent.destroy();
    await new Promise((r) => server.close(r));
    await close();
  }
}
