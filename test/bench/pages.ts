// The daily pages at a province's volume: the inbox, the case list and the dashboard through
// real HTTP (signed-in sessions, guards, JSON) at 1,000 and at 50,000 cases of the shipped
// Hainan supervision process on the embedded store, p50/p95 at each size and their ratio
// (target: at 50,000 each page costs at most 3× its 1,000-case p95); the size of an inbox page;
// and a restart at 50,000 cases, timed until /readyz answers.
//
// The cases: a few dozen started through the service at three stages — 审查信访材料 (in the
// 高院 审查人员's inbox), 指定承办人 after the 督办函 (in the supervised court's inbox) and
// closed (不予督办) — then cloned with their worklist rows (runtime.ts cloneCases), 20 % / 50 % /
// 30 %, spread over every Hainan court below the 高院.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseDoc } from '../../server/cases/case.model';
import { createStatsRepository } from '../../server/stats/stats.repository';
import { endOfBeijingWeek } from '../../server/stats/week';
import { sample } from '../scenarios/hainan/samples';
import { cloneCases } from './runtime';
import {
  ACTOR, LETTER, LETTER_ACTOR, REVIEW, SCALE, START_INPUT, benchPlatform, fmt, latNote, round, stats, type Lat, type Row,
} from './lib';

const PASSWORD = 'bench-password-2026'; // benchPlatform's DUBAN_SEED_PASSWORD
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; bytes: number; body: any; cookies: string[] }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method, agent,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: raw.length, body: JSON.parse(raw.toString('utf8') || 'null'), cookies: res.headers['set-cookie'] ?? [] });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(base: string, username: string) {
  const res = await request(base, 'POST', '/api/session', { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.cookies.map((c) => c.split(';')[0]).join('; ');
  return async (path: string) => {
    const r = await request(base, 'GET', path, undefined, { cookie });
    if (r.status !== 200) throw new Error(`GET ${path} as ${username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r;
  };
}

type Get = Awaited<ReturnType<typeof signIn>>;
interface Page { name: string; who: string; path: string; target: boolean; fn?: () => Promise<unknown> }

const PAGES: Page[] = [
  { name: 'inbox (待办) of the 高院 审查人员, first page', who: 'hi-gy-shencha', path: '/api/tasks', target: true },
  { name: 'inbox (待办) of a 中院 承办人, first page', who: 'hi-hk-chengban', path: '/api/tasks', target: true },
  { name: '已办 of the 高院 审查人员, first page', who: 'hi-gy-shencha', path: '/api/tasks?status=done', target: true },
  { name: 'case list of the 高院 (whole province), first page', who: 'hi-gy-lingdao', path: '/api/cases', target: true },
  { name: 'case list of a 中院 (own + lower courts), first page', who: 'hi-hk-chengban', path: '/api/cases', target: true },
  { name: 'case list, running and overdue (dashboard drill-down)', who: 'hi-gy-lingdao', path: '/api/cases?status=running&due=overdue', target: true },
  { name: 'dashboard GET /api/stats/overview (院领导 of the 高院)', who: 'hi-gy-lingdao', path: '/api/stats/overview', target: true },
  // The dashboard's own figures without 通报, whose source (a scan of the history) the ledger replaces.
  { name: 'dashboard figures without 通报 (load + timeliness, repository calls)', who: '', path: '', target: true },
  { name: 'case list search by 执行案号 text (a scan of the jurisdiction)', who: 'hi-gy-lingdao', path: `/api/cases?q=${encodeURIComponent('琼01执12')}`, target: false },
];

async function measure(gets: Map<string, Get>, n: number): Promise<Map<string, Lat>> {
  const samples = new Map(PAGES.map((p) => [p.name, [] as number[]]));
  const call = (p: Page) => (p.fn ? p.fn() : gets.get(p.who)!(p.path));
  for (const p of PAGES) for (let i = 0; i < 5; i++) await call(p); // warm-up
  for (let i = 0; i < n; i++) {
    for (const p of PAGES) { // interleaved: each page sees the same machine load
      const t = performance.now();
      await call(p);
      samples.get(p.name)!.push(performance.now() - t);
    }
  }
  return new Map([...samples].map(([k, s]) => [k, stats(s, s.reduce((a, b) => a + b, 0))]));
}

export async function benchPages(rows: Row[], log: (s: string) => void): Promise<void> {
  const small = Math.max(200, Math.round(1_000 * Math.min(1, SCALE * 5)));
  const large = Math.max(small * 2, Math.round(50_000 * SCALE));
  const N = Math.max(30, Math.round(100 * Math.min(1, SCALE * 2)));
  let bench = await benchPlatform();
  const listen = async () => {
    const server = http.createServer(bench.platform.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  let { server, base } = await listen();
  try {
    const { cases, tasks } = bench.platform.services;
    const connection = bench.platform.db.connection;
    const courts = (await connection.collection<{ code: string; ancestors: string[] }>('courts').find({ ancestors: 'hi-gy' }).toArray()).map((c) => c.code);
    log(`pages: templates (Hainan supervision, ${courts.length} courts below the 高院)`);
    const reviewing: CaseDoc[] = [];
    const lettered: CaseDoc[] = [];
    const closed: CaseDoc[] = [];
    const refuse = sample('hainan/reviewComplaint', { decision: '不予督办', replyToComplainant: '不符合督办条件，已答复信访人。' });
    for (let i = 0; i < 20; i++) {
      reviewing.push(await cases.start(START_INPUT, ACTOR));
      const l = await cases.start(START_INPUT, ACTOR);
      const reviewed = await tasks.complete(l.openTasks[0].id, REVIEW, ACTOR);
      await tasks.complete(reviewed.case.openTasks[0].id, LETTER, LETTER_ACTOR);
      lettered.push(l);
      const c = await cases.start(START_INPUT, ACTOR);
      await tasks.complete(c.openTasks[0].id, refuse, ACTOR);
      closed.push(c);
    }
    const grow = async (to: number) => {
      const have = await connection.collection('cases').countDocuments({});
      const add = to - have;
      if (add <= 0) return;
      log(`pages: cloning to ${fmt(to)} cases`);
      await cloneCases(connection, reviewing, Math.round(add * 0.2), courts);
      await cloneCases(connection, lettered, Math.round(add * 0.5), courts);
      await cloneCases(connection, closed, add - Math.round(add * 0.2) - Math.round(add * 0.5), courts);
    };
    const sessions = async () => new Map(await Promise.all([...new Set(PAGES.map((p) => p.who).filter(Boolean))].map(async (u) => [u, await signIn(base, u)] as const)));
    const statsRepo = createStatsRepository(connection, bench.platform.services.worklists);
    const province = [...courts, 'hi-gy'];
    PAGES.find((p) => p.name.startsWith('dashboard figures'))!.fn = async () => {
      const now = bench.platform.clock.now();
      return Promise.all([statsRepo.load(province, now, endOfBeijingWeek(now)), statsRepo.timeliness(province)]);
    };

    await grow(small);
    let gets = await sessions();
    log(`pages: ${fmt(small)} cases, ${N} requests of each page`);
    const atSmall = await measure(gets, N);
    await grow(large);
    gets = await sessions();
    log(`pages: ${fmt(large)} cases, ${N} requests of each page`);
    const atLarge = await measure(gets, N);
    const inbox = gets.get('hi-gy-shencha')!;
    const page20 = await inbox('/api/tasks');
    const page100 = await inbox('/api/tasks?pageSize=100');

    for (const p of PAGES) {
      const a = atSmall.get(p.name)!;
      const b = atLarge.get(p.name)!;
      const ratio = b.p95 / a.p95;
      rows.push({
        benchmark: `${p.name}: p95 at ${fmt(large)} ÷ p95 at ${fmt(small)} cases`, figure: round(ratio, 2), unit: 'x',
        baseline: `${fmt(small)}: ${latNote(a)}`,
        target: p.target ? '≤ 3x' : undefined,
        note: `${p.target ? (ratio <= 3 ? 'met; ' : 'MISSED; ') : 'no target (text search is a scan); '}${fmt(large)}: ${latNote(b)}`,
      });
    }
    rows.push({
      benchmark: `inbox page size, 高院 审查人员 at ${fmt(large)} cases (20 rows, the default)`, figure: round(page20.bytes / 1024, 1), unit: 'KB',
      target: '< 100 KB', note: `${page20.bytes < 100 * 1024 ? 'met' : 'MISSED'}; total ${fmt(page20.body.total)} tasks reachable page by page; 100 rows (the largest page): ${fmt(page100.bytes / 1024)} KB`,
    });

    log(`pages: restart at ${fmt(large)} cases`);
    server.close();
    await bench.stop();
    const t0 = performance.now();
    bench = await benchPlatform(undefined, bench.dataDir);
    ({ server, base } = await listen());
    const ready = await request(base, 'GET', '/readyz');
    const restartMs = performance.now() - t0;
    if (ready.status !== 200) throw new Error(`readyz ${ready.status}`);
    const first = performance.now();
    const after = await (await signIn(base, 'hi-gy-shencha'))('/api/tasks');
    const firstMs = performance.now() - first;
    rows.push({
      benchmark: `restart to ready (/readyz 200) at ${fmt(large)} cases, embedded store`, figure: round(restartMs / 1000, 1), unit: 's',
      target: '< 30 s', note: `${restartMs < 30_000 ? 'met' : 'MISSED'}; store load + indexes + worklists check + seed; then sign-in and the first inbox page ${fmt(firstMs)} ms (${fmt(after.body.total)} tasks)`,
    });
  } finally {
    agent.destroy();
    server.close();
    await bench.close();
  }
}
