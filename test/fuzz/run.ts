// `npm run fuzz` (issue 12): generated inputs against the platform as users start it
// (`server/main.ts` in a child process, loopback only, its own temp DATA_DIR, the shipped
// packages installed), over six surfaces:
//   api     JSON bodies, query strings and path segments on every API route, as three users
//   bpmn    mutated shipped diagrams deployed (POST /api/definitions)
//   forms   mutated submissions of a real task of the shipped Hainan process
//   zips    mutated and truncated package zips (POST /api/packages)
//   wire    mutated OP_MSG / OP_QUERY frames on the embedded store's port
//   raw     malformed HTTP bodies (bad JSON, wrong content types, truncated, deep nesting)
// After each batch the platform must answer /readyz and a sign-in. Counts are printed at the
// end; any 5xx, crash or failed health check makes the exit code 1.
//
//   npm run fuzz [-- --inputs 100000 --seed 12345 --concurrency 8]
import { readFileSync, readdirSync, readlinkSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serialize } from 'bson';
import { startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';
import { zip } from '../api/helpers/sampleFiles';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'fuzz-run-2026';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const TOTAL = arg('inputs', 100_000);
const SEED = arg('seed', Date.now() % 1_000_000);
const CONCURRENCY = arg('concurrency', 8);
const BATCH = 2_000;

// A small seeded PRNG (mulberry32): a run is reproduced with its --seed.
let state = SEED >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

// ---- value generators --------------------------------------------------------------------
const NASTY_STRINGS = [
  '', ' ', '0', '-1', '1e308', 'NaN', 'null', 'true', '__proto__', 'constructor', 'prototype', '$where', '$gt', '{"$ne":null}',
  '../../etc/passwd', '%00', '\u0000', '\ud800', '😀', '中'.repeat(3000), 'a'.repeat(70_000), '<script>alert(1)</script>',
  'P2000000WD', 'P99999999D', '10工作日 自 complaintReceivedAt', '2026-02-30', '9999-12-31T23:59:59Z', '-000001-01-01', 'hi-gy', 'hi-hk-zy',
  'hainan', 'hainanSupervision', '（2026）琼01执1号', '${7*7}', '{{7*7}}', "'; drop table users; --", 'x'.repeat(257),
];
const NASTY_NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.1, 1e-320, Number.MAX_SAFE_INTEGER];
const KEYS = ['process', 'supervisedCourt', 'supervisedCourts', 'data', 'key', 'xml', 'packageId', 'set', 'advance', 'value', 'version',
  'username', 'password', 'name', 'court', 'roles', 'disabled', 'unlock', 'code', 'level', 'parent', 'province', 'schema', 'content',
  'revision', 'baseVersion', 'fromVersion', 'toVersion', 'dryRun', 'caseId', 'taskId', 'period', 'from', 'to', 'currentPassword',
  'newPassword', 'reason', 'days', 'holidays', 'workdays', 'csv', '__proto__', 'constructor', '$set', 'a.b', '$gt', ''];

function value(depth = 0): unknown {
  const r = int(depth > 4 ? 6 : 10);
  switch (r) {
    case 0: return pick(NASTY_STRINGS);
    case 1: return pick(NASTY_NUMBERS);
    case 2: return rnd() < 0.5;
    case 3: return null;
    case 4: return randomString(int(40));
    case 5: return int(1000) - 500;
    case 6: case 7: return Array.from({ length: int(5) }, () => value(depth + 1));
    default: return object(depth + 1);
  }
}
function object(depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = int(6); i > 0; i--) o[pick(KEYS)] = value(depth);
  if (rnd() < 0.05) Object.defineProperty(o, '__proto__', { value: { polluted: true }, enumerable: true });
  return o;
}
function randomString(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(rnd() < 0.8 ? 32 + int(95) : 0x4e00 + int(0x5000));
  return s;
}
/** JSON nested `depth` deep: the body parser's and the validators' depth limits. */
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function mutate(text: Buffer, edits: number): Buffer {
  const out = Buffer.from(text);
  for (let i = 0; i < edits; i++) {
    const at = int(out.length);
    const kind = int(4);
    if (kind === 0) out[at] = int(256);
    else if (kind === 1) out[at] = pick([0x3c, 0x3e, 0x22, 0x26, 0x00, 0x2f]); // < > " & NUL /
    else if (kind === 2) out.copyWithin(at, int(out.length), int(out.length));
    else out[at] = out[int(out.length)];
  }
  return rnd() < 0.2 ? out.subarray(0, int(out.length)) : out;
}

// ---- the routes ------------------------------------------------------------------------
const IDS = ['x', '0', '-1', '..', '%2e%2e', 'a'.repeat(300), '000000000000000000000000', 'hainan', 'hainanSupervision', 'hi-gy', 'ha-admin',
  '%00', '%E4%B8%AD', 'constructor', '__proto__', 'hi-hk-chengban'];
type Route = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string];
const ROUTES: Route[] = [
  ['GET', '/api/cases'], ['GET', '/api/cases/:id'], ['GET', '/api/cases/:id/documents'], ['GET', '/api/cases/:id/submissions'],
  ['POST', '/api/cases'], ['GET', '/api/tasks'], ['GET', '/api/tasks/:id'], ['POST', '/api/tasks/:id/complete'],
  ['GET', '/api/deadline'], ['GET', '/api/calendar/:id'], ['PUT', '/api/calendar/:id'], ['GET', '/api/clock'], ['POST', '/api/clock'],
  ['GET', '/api/courts'], ['POST', '/api/courts'], ['PUT', '/api/courts/:id'], ['GET', '/api/users'], ['GET', '/api/users/:id'],
  ['POST', '/api/users'], ['PUT', '/api/users/:id'], ['GET', '/api/definitions'], ['GET', '/api/definitions/:id/:id'],
  ['POST', '/api/definitions'], ['POST', '/api/definitions/:id/migrate'], ['GET', '/api/forms'], ['GET', '/api/forms/:id/:id'],
  ['POST', '/api/forms/:id/:id/revisions'], ['GET', '/api/packages'], ['GET', '/api/packages/:id'], ['GET', '/api/packages/:id/export'],
  ['POST', '/api/packages/:id/publish'], ['PUT', '/api/packages/:id/parameters/:id'], ['GET', '/api/packages/:id/articles/:id'],
  ['GET', '/api/packages/:id/elements/:id/clause'], ['GET', '/api/package-drafts'], ['GET', '/api/packages/:id/draft'],
  ['POST', '/api/packages/:id/draft'], ['PUT', '/api/packages/:id/draft'], ['GET', '/api/packages/:id/history'],
  ['GET', '/api/packages/:id/diff'], ['POST', '/api/packages/validate'], ['GET', '/api/stats/overview'], ['GET', '/api/ledger'],
  ['GET', '/api/ledger/summary'], ['GET', '/api/ledger/quarterly'], ['POST', '/api/ledger'], ['GET', '/api/intake/options'],
  ['GET', '/api/documents/templates'], ['GET', '/api/documents/:id'], ['GET', '/api/attachments/:id'], ['GET', '/api/me'],
  ['GET', '/api/session'],
];
// Not fuzzed: POST /api/session and PUT /api/me/password. Wrong passwords there lock the account
// and back off the source address (by design, test/api/security.login.test.ts), which would
// stop the health sign-in from 127.0.0.1 rather than find a fault.
const QUERY_KEYS = ['page', 'pageSize', 'sort', 'order', 'q', 'court', 'status', 'due', 'from', 'to', 'process', 'period', 'start', 'year', 'version', 'supervisingCourt'];

/** encodeURIComponent, but a lone surrogate goes out as the raw bytes a hostile client would send. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

function routeUrl(p: string) {
  let url = p.replace(/:id/g, () => enc(pick(IDS)).replace(/%25/g, '%'));
  if (rnd() < 0.6) {
    const qs = Array.from({ length: 1 + int(4) }, () => {
      const k = pick(QUERY_KEYS);
      const v = rnd() < 0.3 ? pick(NASTY_NUMBERS) : pick(NASTY_STRINGS).slice(0, rnd() < 0.9 ? 60 : 100_000);
      return `${k}=${enc(String(v))}${rnd() < 0.1 ? `&${k}=${k}` : ''}`;
    });
    url += `?${qs.join('&')}`;
  }
  return url;
}

// ---- HTTP ---------------------------------------------------------------------------------
interface Session { cookie: string; csrf: string }
const counts: Record<string, Record<string, number>> = {};
const problems: string[] = [];
function count(surface: string, status: number | string) {
  const c = (counts[surface] ??= {});
  const k = typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status;
  c[k] = (c[k] ?? 0) + 1;
  c.inputs = (c.inputs ?? 0) + 1;
}

let base = '';
async function send(surface: string, method: string, url: string, body: Buffer | string | undefined, type: string | undefined, s?: Session, retried = false): Promise<void> {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (s) Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
  try {
    const res = await fetch(base + url, { method, headers, body: method === 'GET' || method === 'DELETE' ? undefined : body, signal: AbortSignal.timeout(60_000), redirect: 'manual' });
    await res.arrayBuffer();
    count(surface, res.status);
    if (res.status >= 500) problems.push(`${surface} ${method} ${url.slice(0, 200)} → ${res.status} body=${String(body ?? '').slice(0, 300)}`);
  } catch (err) {
    // undici reuses a keep-alive socket the server has just closed: the request never arrived.
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (!retried && (cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET')) return send(surface, method, url, body, type, s, true);
    count(surface, 'network-error');
    problems.push(`${surface} ${method} ${url.slice(0, 200)} → ${(err as Error).message} ${cause ?? ''}`);
  }
}

async function signIn(username: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}

// ---- surfaces -------------------------------------------------------------------------------
const DIAGRAMS = readdirSync(path.join(ROOT, 'processes/hainan')).filter((f) => f.endsWith('.bpmn')).map((f) => readFileSync(path.join(ROOT, 'processes/hainan', f)))
  .concat(readdirSync(path.join(ROOT, 'test/scenarios/fixtures')).filter((f) => f.endsWith('.bpmn')).map((f) => readFileSync(path.join(ROOT, 'test/scenarios/fixtures', f))));

function packageZip(): Buffer {
  const files: Record<string, Buffer> = {};
  const pdir = path.join(ROOT, 'processes/hainan');
  for (const f of readdirSync(pdir, { withFileTypes: true })) {
    if (f.isFile()) files[f.name.endsWith('.bpmn') ? `processes/${f.name}` : f.name] = readFileSync(path.join(pdir, f.name));
  }
  const fdir = path.join(ROOT, 'forms/hainan');
  for (const f of readdirSync(fdir)) files[`forms/${f}`] = readFileSync(path.join(fdir, f));
  return zip(files);
}

function wireFrame(): Buffer {
  const docs = [{ ping: 1, $db: 'admin' }, { find: 'users', filter: {}, $db: 'duban' }, { insert: 'x', documents: [{ a: 1 }], $db: 'duban' },
    { saslStart: 1, mechanism: 'SCRAM-SHA-256', payload: Buffer.from('n,,n=duban,r=abc'), $db: 'admin' }, { hello: 1, $db: 'admin' },
    { update: 'users', updates: [{ q: {}, u: { $set: { '__proto__.polluted': 1 } } }], $db: 'duban' }];
  const body = Buffer.from(serialize(pick(docs)));
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), rnd() < 0.7 ? mutate(body, 1 + int(4)) : body]);
  const head = Buffer.alloc(16);
  head.writeInt32LE(rnd() < 0.8 ? 16 + payload.length : int(2 ** 31) - 2 ** 30, 0);
  head.writeInt32LE(int(2 ** 31), 4);
  head.writeInt32LE(pick([2013, 2013, 2004, 2012, 1, 0, -1]), 12);
  const frame = Buffer.concat([head, payload]);
  return rnd() < 0.1 ? frame.subarray(0, int(frame.length)) : frame;
}

function wireSend(port: number, frame: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (what: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(what);
    };
    const timer = setTimeout(() => done('quiet'), 500);
    socket.on('connect', () => socket.write(frame));
    socket.on('data', () => done('answered'));
    socket.on('close', () => done('closed'));
    socket.on('error', (err) => done((err as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? 'refused' : 'closed'));
  });
}

/** The loopback TCP ports a process listens on (its socket inodes in /proc/net/tcp). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set(readdirSync(`/proc/${pid}/fd`).map((fd) => { try { return /socket:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]; } catch { return undefined; } }).filter(Boolean));
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
    .filter((f) => f[3] === '0A' && inodes.has(f[9])).map((f) => parseInt(f[1].split(':')[1], 16));
}

// ---- the run ------------------------------------------------------------------------------
async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-fuzz-'));
  const started = Date.now();
  let platform: ChildPlatform | undefined;
  let healthy = 0;
  try {
    platform = await startChildPlatform({ DATA_DIR: dataDir, DUBAN_SEED_PASSWORD: PASSWORD, DUBAN_DEMO: 'open', DUBAN_CLOCK: 'manual', LOG_LEVEL: 'info' }); // info: the start line carries the port
    base = platform.url;
    const wirePort = listeningPorts(platform.child.pid!).find((port) => port !== Number(new URL(base).port));
    if (!wirePort) throw new Error('内置数据库端口未找到');
    const users = { admin: await signIn('admin'), chengban: await signIn('hi-gy-shencha'), foreign: await signIn('ha-admin') };
    // A real task of the shipped process, for the form submissions.
    const c = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: users.chengban.cookie, 'x-csrf-token': users.chengban.csrf },
      body: JSON.stringify({ process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: { complaintReceivedAt: '2026-12-01', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执9号', parties: '申请执行人甲，被执行人乙' } }) });
    const caseBody = (await c.json()) as { tasks?: { id: string }[] };
    const taskId = caseBody.tasks?.[0]?.id ?? 'none';
    IDS.push(taskId);
    const zipBytes = packageZip();
    console.log(`fuzz: seed ${SEED}, ${TOTAL} inputs, platform ${base}, store port ${wirePort}, task ${taskId}`);

    const surfaces: [string, number, () => Promise<void>][] = [
      ['api', 0.685, async () => {
        const [method, p] = pick(ROUTES);
        const who = pick([users.admin, users.chengban, users.foreign, undefined]);
        const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(rnd() < 0.8 ? object() : value());
        await send('api', method, routeUrl(p), body, 'application/json', who);
      }],
      ['raw', 0.1, async () => {
        const [method, p] = pick(ROUTES.filter((r) => r[0] !== 'GET'));
        const bodies: [string, string][] = [
          ['{"a":', 'application/json'], [deep(int(5000)), 'application/json'], ['\u0000\u0001', 'application/json'], ['a=1&b[c]=2', 'application/x-www-form-urlencoded'],
          [JSON.stringify(object()), 'text/plain'], [JSON.stringify({ a: 'x'.repeat(int(3_000_000)) }), 'application/json'], ['[1,2', 'application/json; charset=utf-7'],
          [randomString(200), 'multipart/form-data; boundary=x'], ['{"__proto__":{"isAdmin":true}}', 'application/json'], ['{"constructor":{"prototype":{"x":1}}}', 'application/json'],
        ];
        const [body, type] = pick(bodies);
        await send('raw', method, routeUrl(p), body, type, pick([users.admin, users.chengban, undefined]));
      }],
      ['bpmn', 0.03, async () => {
        const xml = mutate(pick(DIAGRAMS), 1 + int(6)).toString('utf8');
        await send('bpmn', 'POST', '/api/definitions', JSON.stringify({ packageId: pick(['fuzz', 'hainan', 'test', '']), xml: rnd() < 0.05 ? `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml}` : xml }), 'application/json', pick([users.admin, users.foreign]));
      }],
      ['forms', 0.1, async () => {
        await send('forms', 'POST', `/api/tasks/${taskId}/complete`, JSON.stringify({ data: object(), ...(rnd() < 0.3 ? { outcome: value() } : {}) }), 'application/json', pick([users.chengban, users.admin]));
      }],
      ['zips', 0.005, async () => {
        const bytes = rnd() < 0.5 ? mutate(zipBytes, 1 + int(20)) : zipBytes.subarray(0, int(zipBytes.length));
        await send('zips', 'POST', rnd() < 0.5 ? '/api/packages' : '/api/packages/validate', bytes, 'application/zip', pick([users.admin, users.foreign]));
      }],
      ['wire', 0.08, async () => {
        count('wire', await wireSend(wirePort, wireFrame()));
      }],
    ];
    const choose = () => {
      let r = rnd();
      for (const s of surfaces) if ((r -= s[1]) <= 0) return s[2];
      return surfaces[0][2];
    };

    for (let done = 0; done < TOTAL; ) {
      const n = Math.min(BATCH, TOTAL - done);
      const jobs = Array.from({ length: n }, choose);
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          await jobs[next++]().catch((err) => problems.push(`fuzzer error: ${(err as Error).message}`));
        }
      }));
      done += n;
      // The platform is still up, ready, and signs people in.
      if (platform.child.exitCode !== null || platform.child.signalCode) throw new Error(`平台进程已退出：${platform.child.exitCode ?? platform.child.signalCode}`);
      const ready = await fetch(`${base}/readyz`).then((r) => r.status).catch(() => 0);
      await signIn('hi-hk-chengban').then(() => undefined, (err) => problems.push(`sign-in after ${done}: ${err.message}`));
      if (ready !== 200) problems.push(`/readyz after ${done}: ${ready}`);
      else healthy++;
      // Each session stays valid (a fuzzed PUT /api/me/password or user change may have ended it).
      for (const [k, name] of [['admin', 'admin'], ['chengban', 'hi-gy-shencha'], ['foreign', 'ha-admin']] as const) {
        users[k] = await signIn(name).catch(() => users[k]);
      }
      const all: Record<string, number> = {};
      for (const c of Object.values(counts)) for (const [k, v] of Object.entries(c)) all[k] = (all[k] ?? 0) + v;
      process.stdout.write(`  ${done}/${TOTAL} inputs, ${problems.length} problems, ${Math.round((Date.now() - started) / 1000)} s — ${JSON.stringify(all)}\n`);
    }
  } catch (err) {
    problems.push(`crash: ${(err as Error).message}`);
    if (platform) process.stderr.write(platform.output().slice(-4000));
  } finally {
    platform?.child.kill('SIGTERM');
    await platform?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }

  const total: Record<string, number> = {};
  for (const c of Object.values(counts)) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
  console.log('\nfuzz results (by surface):');
  console.table({ ...counts, total });
  console.log(`health checks passed: ${healthy}; seed ${SEED}; ${Math.round((Date.now() - started) / 1000)} s`);
  if (problems.length) {
    console.log(`\n${problems.length} problems (first 30):\n${problems.slice(0, 30).join('\n')}`);
    process.exit(1);
  }
  console.log('no 5xx, no crash, no failed health check');
}

void main();
