// `npm run soak` (issue 12): a kill -9 / restart loop. Each round starts the platform as users
// do (`server/main.ts`, child process, one temp DATA_DIR for all rounds), runs concurrent case
// starts, task completions and uploads for a random 1–4 s, and kills it with SIGKILL in the middle
// of them. The next start must come up, and everything the platform acknowledged before the
// kill (a 201 case, a 200 completion, a 201 upload) must be there, uploads byte for byte.
// Not part of `npm test` (minutes, and it measures); figures in README "Robustness".
//
//   npm run soak [-- --rounds 20 --workers 8]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';
import { pdf } from '../api/helpers/sampleFiles';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'soak-run-2026';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('rounds', 20);
const WORKERS = arg('workers', 8);

type Agent = ReturnType<typeof supertest.agent>;
async function as(url: string, username: string) {
  const agent = supertest.agent(url);
  const r = await agent.post('/api/session').send({ username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { agent, csrf: r.body.csrfToken as string };
}
const post = (u: { agent: Agent; csrf: string }, url: string, body: object) => u.agent.post(url).set('X-CSRF-Token', u.csrf).send(body);

interface Acknowledged {
  cases: string[];
  completed: { caseId: string; taskId: string }[];
  uploads: { id: string; size: number; first: number }[];
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-soak-'));
  const env = { DATA_DIR: dataDir, DUBAN_SEED_PASSWORD: PASSWORD, DUBAN_DEMO: 'open', DUBAN_CLOCK: 'manual', LOG_LEVEL: 'info' };
  const ack: Acknowledged = { cases: [], completed: [], uploads: [] };
  const restarts: number[] = [];
  const lost: string[] = [];
  let platform: ChildPlatform | undefined;
  let seq = 0;
  const refusals: string[] = [];
  try {
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const t0 = Date.now();
      platform = await startChildPlatform(env);
      const url = platform.url;
      // Ready: /readyz and a sign-in, as a user would find it.
      for (;;) {
        if ((await supertest(url).get('/readyz')).status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const admin = await as(url, 'admin');
      if (round > 1) restarts.push(Date.now() - t0);

      // Everything acknowledged so far is there.
      for (const id of ack.cases) {
        const r = await admin.agent.get(`/api/cases/${id}`);
        if (r.status !== 200) lost.push(`round ${round}: case ${id} → ${r.status}`);
      }
      for (const { caseId, taskId } of ack.completed) {
        const r = await admin.agent.get(`/api/cases/${caseId}`);
        if ((r.body.tasks ?? []).some((t: { id: string }) => t.id === taskId)) lost.push(`round ${round}: completion of ${taskId} lost`);
      }
      for (const u of ack.uploads) {
        const r = await admin.agent.get(`/api/attachments/${u.id}`).buffer(true).parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        const body = r.body as Buffer;
        if (r.status !== 200 || body.length !== u.size || body[0] !== u.first) lost.push(`round ${round}: upload ${u.id} → ${r.status} ${body?.length}`);
      }
      console.log(`round ${round}: up in ${((Date.now() - t0) / 1000).toFixed(1)} s; checked ${ack.cases.length} cases, ${ack.completed.length} completions, ${ack.uploads.length} uploads; lost so far ${lost.length}`);
      if (round > ROUNDS) break;

      if (round === 1) {
        const dir = path.join(ROOT, 'test/scenarios/fixtures/forms/test');
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
          await post(admin, `/api/forms/${encodeURIComponent(`test/${f.slice(0, -5)}`)}/revisions`, { schema: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) });
        }
        const d = await post(admin, '/api/definitions', { packageId: 'test', xml: readFileSync(path.join(ROOT, 'test/scenarios/fixtures/report-supervision.bpmn'), 'utf8') });
        if (d.status !== 201 && d.status !== 200) throw new Error(`deploy: ${d.status} ${JSON.stringify(d.body)}`);
      }
      const starter = await as(url, 'hi-gy-chengban');
      const handler = await as(url, 'hi-hk-chengban');

      // Load, then SIGKILL at a random moment while requests are in flight.
      let stop = false;
      const worker = async () => {
        while (!stop) {
          try {
            const c = await post(starter, '/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: `（2026）琼01执${++seq}号` } });
            if (c.status !== 201) {
              refusals.push(`立案 ${c.status} ${JSON.stringify(c.body).slice(0, 200)}`);
              continue;
            }
            ack.cases.push(c.body.case.id);
            const task = c.body.tasks[0];
            const file = pdf(2048 + (seq % 97) * 64);
            const up = await handler.agent.post(`/api/attachments?task=${task.id}`).set('X-CSRF-Token', handler.csrf).attach('file', file, { filename: `材料${seq}.pdf` });
            if (up.status === 201) ack.uploads.push({ id: up.body.id, size: file.length, first: file[0] });
            else refusals.push(`上传 ${up.status} ${JSON.stringify(up.body).slice(0, 200)}`);
            const done = await post(handler, `/api/tasks/${task.id}/complete`, { data: { result: '未执结', report: `第 ${seq} 号报告` } });
            if (done.status === 200) ack.completed.push({ caseId: c.body.case.id, taskId: task.id });
            else refusals.push(`办结 ${done.status} ${JSON.stringify(done.body).slice(0, 200)}`);
          } catch {
            return; // the platform was killed: this request was never acknowledged
          }
        }
      };
      const running = Array.from({ length: WORKERS }, worker);
      // Kill while requests are in flight: once this round has acknowledged a few writes (a busy
      // machine answers slowly), after a further random 0–3 s.
      const before = ack.cases.length + ack.completed.length + ack.uploads.length;
      const deadline = Date.now() + 300_000;
      while (ack.cases.length + ack.completed.length + ack.uploads.length < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, Math.random() * 3000));
      platform.child.kill('SIGKILL');
      stop = true;
      await platform.exited;
      await Promise.all(running);
    }
  } finally {
    platform?.child.kill('SIGTERM');
    await platform?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...restarts].sort((a, b) => a - b);
  console.log(`\nsoak: ${ROUNDS} kill -9 rounds, ${WORKERS} concurrent workers`);
  console.log(`acknowledged: ${ack.cases.length} case starts, ${ack.completed.length} completions, ${ack.uploads.length} uploads; lost: ${lost.length}`);
  console.log(`restart to ready (s): median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1)}, max ${(sorted[sorted.length - 1] / 1000).toFixed(1)}`);
  if (refusals.length) console.log(`refused while running (not acknowledged, first 5 of ${refusals.length}):\n${refusals.slice(0, 5).join('\n')}`);
  if (lost.length) {
    console.log(lost.slice(0, 30).join('\n'));
    process.exit(1);
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
