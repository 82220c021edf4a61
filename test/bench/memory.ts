// Resident memory with many open cases: the platform must hold no engine (nor anything else)
// per case. The embedded store runs in a child process (storeChild.ts) so that the platform
// process's heap and RSS are the platform's alone; the store's own RSS is reported beside them.
// Open cases: a few hundred started through the service, the rest cloned straight into the
// collection (runtime.ts cloneCases). At each size a probe starts and completes a few cases.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { CaseDoc } from '../../server/cases/case.model';
import { defaultCalendar } from '../../server/calendar';
import { run } from '../../server/engine';
import { BSON } from 'bson';
import { sample } from '../scenarios/hainan/samples';
import { cloneCases } from './runtime';
import { ACTOR, HAINAN_XML, REVIEW, SCALE, START_INPUT, T0, benchPlatform, fmt, memoryMb, round, scaled, timed, type Row } from './lib';

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, T>) => {
      if (m && key in m) {
        child.off('message', on);
        resolve(m[key]);
      }
    };
    child.on('message', on);
    if (message) child.send(message);
  });
}

export async function benchMemory(rows: Row[], log: (s: string) => void): Promise<void> {
  await engineCommands(rows, log);
  const child = fork(path.join(import.meta.dirname, 'storeChild.ts'), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=12288'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await ask<number>(child, '', 'port');
  const { platform, close } = await benchPlatform(`mongodb://127.0.0.1:${port}/duban`);
  try {
    const { cases, tasks } = platform.services;
    const collection = platform.db.connection.collection('cases');
    const start = () => cases.start(START_INPUT, ACTOR);
    const templates: CaseDoc[] = [];
    for (let i = 0; i < scaled(300, 50); i++) templates.push(await start());
    const P = 20;
    const probe = async () => {
      const fresh: CaseDoc[] = [];
      const s = await timed(P, 1, async () => fresh.push(await start()));
      const c = await timed(P, 1, (i) => tasks.complete(fresh[i].openTasks[0].id, REVIEW, ACTOR));
      return { s, c };
    };
    await probe(); // warm-up
    await probe();
    const levels = [0, 10_000, 25_000, 50_000].map((n) => Math.round(n * SCALE));
    const seen: { open: number; heap: number; rss: number; store: number; startMs: number; completeMs: number }[] = [];
    for (const level of levels) {
      const open = await collection.countDocuments({ status: 'running' });
      if (level > open) {
        log(`memory: cloning to ${fmt(level)} open cases`);
        await cloneCases(platform.db.connection, templates, level - open);
      }
      const { s, c } = await probe();
      const m = memoryMb();
      const store = (await ask<number>(child, 'mem', 'rss')) / 2 ** 20;
      seen.push({ open: await collection.countDocuments({ status: 'running' }), ...m, store, startMs: s.p50, completeMs: c.p50 });
    }
    // Closed cases keep their history and data but not their engine state (runChanges.ts).
    const refuse = sample('hainan/reviewComplaint', { decision: '不予督办', replyToComplainant: '不符合督办条件，已答复信访人。' });
    const closedTemplates: CaseDoc[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await start();
      await tasks.complete(c.openTasks[0].id, refuse, ACTOR);
      closedTemplates.push(c);
    }
    const K = scaled(20_000, 2_000);
    const storeBefore = await ask<number>(child, 'mem', 'rss');
    log(`memory: cloning ${fmt(K)} closed cases`);
    await cloneCases(platform.db.connection, closedTemplates, K);
    const storeAfter = await ask<number>(child, 'mem', 'rss');
    const bson = async (filter: Record<string, unknown>) => BSON.calculateObjectSize((await collection.findOne(filter))!);
    const openBytes = await bson({ _id: templates[0]._id });
    const closedBytes = await bson({ _id: closedTemplates[0]._id });
    // The lookup tasks.complete() and GET /api/tasks/:id start with (CasesRepository.findByOpenTask).
    const taskId = templates[0].openTasks[0].id;
    const lookup = JSON.stringify(await collection.find({ 'openTasks.id': taskId }).limit(1).explain('queryPlanner'));
    const lookupPlan = /IXSCAN/.test(lookup) ? 'IXSCAN' : /COLLSCAN/.test(lookup) ? 'COLLSCAN' : '?';
    const first = seen[0];
    const last = seen[seen.length - 1];
    const slope = ((last.heap - first.heap) / Math.max(1, last.open - first.open)) * 10_000;
    const rssSlope = ((last.rss - first.rss) / Math.max(1, last.open - first.open)) * 10_000;
    for (const r of seen) {
      rows.push({
        benchmark: `platform process with ${fmt(r.open)} open cases (heapUsed after GC)`, figure: round(r.heap, 1), unit: 'MB',
        baseline: r === first ? undefined : `${fmt(first.heap)} MB at ${fmt(first.open)} open cases`,
        note: `RSS ${fmt(r.rss)} MB; store process RSS ${fmt(r.store)} MB; at this size start p50 ${fmt(r.startMs)} ms, completion p50 ${fmt(r.completeMs)} ms (open-task lookup ${lookupPlan})`,
      });
    }
    const perOpen = ((last.store - first.store) * 2 ** 20) / Math.max(1, last.open - first.open);
    const perClosed = (storeAfter - storeBefore) / K;
    // The embedded default runs the store in the server process: 4 GB less the platform's own
    // resident set (the first reading, with few cases), shared by open and closed cases.
    const budget = 4 * 2 ** 30 - first.rss * 2 ** 20 - first.store * 2 ** 20;
    rows.push(
      { benchmark: 'embedded store: resident bytes per open case (Hainan supervision, at 督办函 stage)', figure: round(perOpen / 1024, 1), unit: 'KB',
        note: `store RSS ${fmt(first.store)} → ${fmt(last.store)} MB over ${fmt(last.open - first.open)} open cases; one open case is ${fmt(openBytes / 1024)} KB of BSON (engine state included)` },
      { benchmark: 'embedded store: resident bytes per closed case (engine state dropped)', figure: round(perClosed / 1024, 1), unit: 'KB',
        note: `store RSS +${fmt((storeAfter - storeBefore) / 2 ** 20)} MB for ${fmt(K)} closed cases; one closed case is ${fmt(closedBytes / 1024)} KB of BSON (history, data, worklist rows)` },
      { benchmark: 'cases the embedded default holds in 4 GB (store in the server process)', figure: round(budget / perOpen), unit: 'open cases',
        note: `or ${fmt(budget / perClosed)} closed ones; e.g. ${fmt(budget / (0.3 * perOpen + 0.7 * perClosed))} cases of which 30 % open; the platform itself ${fmt(first.rss + first.store)} MB` },
    );
    rows.push({
      benchmark: `platform memory growth per 10,000 open cases (${fmt(first.open)} → ${fmt(last.open)})`, figure: round(slope, 2), unit: 'MB heap',
      target: 'flat (< 2 MB per 10k: no engine held)',
      note: `${slope < 2 ? 'met' : 'MISSED'}; RSS ${round(rssSlope, 1)} MB per 10k; cases beyond the first ${templates.length} are clones inserted directly; store in a child process without journal`,
    });
  } finally {
    await close();
    child.send('stop');
    await once(child, 'exit');
  }
}

/**
 * The engine is dropped after each command, never stopped (server/engine/session.ts): its heap
 * must not grow with the number of commands. Run here in this thread (the platform runs it in
 * worker threads, whose heaps the figures above do not see).
 */
async function engineCommands(rows: Row[], log: (s: string) => void): Promise<void> {
  const xml = HAINAN_XML;
  const calendar = defaultCalendar();
  const variables = { ...START_INPUT.data, supervisedCourt: 'hi-hk-zy', supervisingCourt: 'hi-gy', caseStartedAt: T0.toISOString() };
  const startAndComplete = async () => {
    const s = await run({ source: xml, state: null, variables, command: { type: 'start' }, now: T0, calendar });
    await run({ source: xml, state: s.state, variables: s.variables, now: T0, calendar,
      command: { type: 'complete', taskId: s.openTasks[0].id, data: REVIEW } });
  };
  // A warm-up: JIT code and the parsed-diagram and FEEL caches fill in the first few hundred
  // (a step of the 108 KB Hainan diagram costs tens of milliseconds: fewer commands than before).
  const N = scaled(600, 200);
  for (let i = 0; i < 300; i++) await startAndComplete();
  const before = memoryMb().heap;
  log(`memory: ${fmt(N * 2)} engine commands`);
  for (let i = 0; i < N; i++) await startAndComplete();
  const after = memoryMb().heap;
  const per10k = ((after - before) / (N * 2)) * 10_000;
  rows.push({
    benchmark: `engine adapter heap growth per 10,000 commands (${fmt(N * 2)} run)`, figure: round(per10k, 2), unit: 'MB heap',
    target: 'flat (no engine kept)', note: `${per10k < 2 ? 'met' : 'MISSED'}; heap ${fmt(before)} → ${fmt(after)} MB after GC`,
  });
}
