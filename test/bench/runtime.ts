// The runtime through the services (no HTTP), on the shipped Hainan supervision diagram
// (processes/hainan/supervision.bpmn, 108 KB): case start → first task (审查信访材料), task
// completion (the review decides 督办 → 制作督办函), and many timers due at once fired by
// fireDue(), on the embedded store in process, next to the bare engine on the same diagram
// (bare.ts) and the engine adapter alone (server/engine run(), no database). Each figure and its
// baselines run interleaved (lib.ts interleaved), so they share the machine load.
import mongoose from 'mongoose';
import { CasesRepository } from '../../server/cases/cases.repository';
import type { CaseDoc } from '../../server/cases/case.model';
import { run } from '../../server/engine';
import { bareEngine } from './bare';
import { finishedRows, inboxRows } from '../../server/worklists/rows';
import {
  ACTOR, HAINAN_XML, LETTER, LETTER_ACTOR, REVIEW, START_INPUT, T0, benchPlatform, fmt, interleaved, latNote, round, scaled, stats, type Lat, type Row,
} from './lib';

const ratio = (platform: Lat, bare: Lat) => platform.mean / bare.mean;
const judge = (ok: boolean, text: string) => `${ok ? 'met' : 'MISSED'}; ${text}`;

const ROUNDS = 5;

export async function benchRuntime(rows: Row[], log: (s: string) => void): Promise<void> {
  const N = scaled(400, 50);
  const warmup = scaled(100, 30);
  const bare = await bareEngine(HAINAN_XML, REVIEW);
  const { platform, close } = await benchPlatform();
  try {
    const { cases, tasks, scheduler, calendar } = platform.services;
    const start = () => cases.start(START_INPUT, ACTOR);
    const complete = (c: CaseDoc) => tasks.complete(c.openTasks[0].id, REVIEW, ACTOR);
    // The engine adapter alone (server/engine run()), no database.
    const xml = HAINAN_XML;
    const cal = await calendar.current();
    const variables = { ...START_INPUT.data, supervisedCourt: 'hi-hk-zy', supervisingCourt: 'hi-gy', caseStartedAt: T0.toISOString() };
    const runStart = () => run({ source: xml, state: null, variables, command: { type: 'start' }, now: T0, calendar: cal, actor: ACTOR.username });
    const started = await runStart();
    const runComplete = () => run({ source: xml, state: started.state, variables: started.variables, now: T0, calendar: cal,
      command: { type: 'complete', taskId: started.openTasks[0].id, data: REVIEW }, actor: ACTOR.username });

    log(`runtime: warm-up (${warmup} of each)`);
    for (let i = 0; i < warmup; i++) {
      await bare.startPlain(); await bare.startCached(); await bare.signalPlain(); await bare.signalCached();
      await runStart(); await runComplete();
      await complete(await start());
    }
    log(`runtime: starts, interleaved in ${ROUNDS} rounds (${N} of each, ${N * 2} at 8 in flight)`);
    const one: CaseDoc[] = [];
    const eight: CaseDoc[] = [];
    const S = await interleaved(ROUNDS, {
      plain: { n: N, fn: bare.startPlain }, cached: { n: N, fn: bare.startCached }, adapter: { n: N, fn: runStart },
      start1: { n: N, fn: async () => one.push(await start()) },
      start8: { n: N * 2, concurrency: 8, fn: async () => eight.push(await start()) },
    });
    log(`runtime: completions, interleaved in ${ROUNDS} rounds (${N} of each)`);
    const C = await interleaved(ROUNDS, {
      plain: { n: N, fn: bare.signalPlain }, cached: { n: N, fn: bare.signalCached }, adapter: { n: N, fn: runComplete },
      complete: { n: N, fn: (i) => complete(one[i]) },
      complete8: { n: N, concurrency: 8, fn: (i) => complete(eight[i]) },
    });

    const T = scaled(10_000, 200);
    const F = Math.min(T, Number(process.env.BENCH_FIRE) || scaled(2_000, 100));
    // The first N of `eight` were completed above (now at 制作督办函): the letter goes out on
    // some of them, which arms the report deadlines (逾期十日 and others) at 指定承办人.
    const lettered: CaseDoc[] = [];
    for (const c of eight.slice(0, Math.min(N, 50))) {
      const fresh = await platform.db.connection.collection<CaseDoc>('cases').findOne({ _id: c._id });
      const r = await tasks.complete(fresh!.openTasks[0].id, LETTER, LETTER_ACTOR);
      lettered.push({ ...fresh!, ...r.case } as CaseDoc);
    }
    const firstDue = new Date(Math.min(...lettered.map((c) => +c.nextDueAt!)));
    const running = lettered.filter((c) => +c.nextDueAt! === +firstDue);
    log(`runtime: ${T} timers due at once (cases cloned from ${running.length} with a report deadline armed), firing ${F}`);
    const cloneMs = await cloneCases(platform.db.connection, running, T - running.length);
    const due = await platform.db.connection.collection('cases').countDocuments({ status: 'running', nextDueAt: { $lte: firstDue } });
    if (due !== T) throw new Error(`${due} cases due at ${firstDue.toISOString()}, expected ${T}`);
    await platform.clock.set(firstDue);
    // Each fireDue() pass stops after its slice (claimDue answers "nothing due"); a slice of the
    // bare baseline runs between passes. Intervals between claims = one firing each.
    const claimDue = CasesRepository.prototype.claimDue;
    const gaps: number[] = [];
    const bareSamples: number[] = [];
    let fired = 0;
    let fireWall = 0;
    try {
      for (let r = 1; r <= ROUNDS; r++) {
        const slice = Math.round((F * r) / ROUNDS) - fired;
        const marks: number[] = [];
        CasesRepository.prototype.claimDue = function (...args) {
          marks.push(performance.now());
          return marks.length > slice ? Promise.resolve(null) : claimDue.apply(this, args);
        };
        const t0 = performance.now();
        fired += await scheduler.fireDue();
        fireWall += performance.now() - t0;
        gaps.push(...marks.slice(1).map((m, i) => m - marks[i]));
        CasesRepository.prototype.claimDue = claimDue;
        for (let i = 0; i < Math.round(N / ROUNDS); i++) {
          const t = performance.now();
          await bare.signalCached();
          bareSamples.push(performance.now() - t);
        }
      }
    } finally {
      CasesRepository.prototype.claimDue = claimDue;
    }
    const firing = stats(gaps, fireWall);
    const bareDuring = stats(bareSamples, bareSamples.reduce((x, y) => x + y, 0));
    const bareS = { startPlain: S.plain, startCached: S.cached, signalPlain: C.plain, signalCached: C.cached };
    const [adapterStart, adapterComplete, starts1, starts8, completions, completions8] = [S.adapter, C.adapter, S.start1, S.start8, C.complete, C.complete8];
    const threads = `${platform.config.engineThreads} engine thread(s)`;
    const per = (l: Lat, b: Lat, what: string) =>
      `${fmt(l.mean)} ms vs ${fmt(b.mean)} ms bare ${what}: ${round(ratio(l, b), 2)}x`;
    rows.push(
      { benchmark: 'bare bpmn-engine: start→wait→getState (XML parsed each time)', figure: round(bareS.startPlain.rate), unit: 'starts/s', note: latNote(bareS.startPlain) },
      { benchmark: 'bare bpmn-engine: same, parsed diagram reused', figure: round(bareS.startCached.rate), unit: 'starts/s', note: latNote(bareS.startCached) },
      { benchmark: 'bare bpmn-engine: recover+resume+signal→next task (state carries the diagram)', figure: round(bareS.signalPlain.rate), unit: 'steps/s', note: latNote(bareS.signalPlain) },
      { benchmark: 'bare bpmn-engine: recover+resume+signal→next task, parsed diagram reused', figure: round(bareS.signalCached.rate), unit: 'steps/s', note: latNote(bareS.signalCached) },
      { benchmark: 'engine adapter run({start}), no database', figure: round(adapterStart.rate), unit: 'starts/s',
        baseline: `${fmt(bareS.startCached.rate)}/s bare (reused)`, note: latNote(adapterStart) },
      { benchmark: 'engine adapter run({complete}), no database', figure: round(adapterComplete.rate), unit: 'steps/s',
        baseline: `${fmt(bareS.signalCached.rate)}/s bare (reused)`, note: latNote(adapterComplete) },
      { benchmark: `case start → first task, 1 in flight (${threads})`, figure: round(starts1.rate), unit: 'starts/s',
        baseline: `${fmt(bareS.startCached.rate)}/s bare (reused), ${fmt(bareS.startPlain.rate)}/s plain`, target: '≥ 150/s',
        note: judge(starts1.rate >= 150, latNote(starts1)) },
      { benchmark: `case start → first task, 8 in flight (${threads})`, figure: round(starts8.rate), unit: 'starts/s',
        baseline: `${fmt(bareS.startCached.rate)}/s bare (reused)`, target: '≥ 150/s', note: judge(starts8.rate >= 150, latNote(starts8)) },
      { benchmark: `task completion: tasks.complete() (lookup, form check, run, guarded update), 1 in flight (${threads})`, figure: round(completions.rate), unit: 'completions/s',
        baseline: `${fmt(bareS.signalCached.rate)}/s bare (reused), ${fmt(bareS.signalPlain.rate)}/s plain`, target: '≥ 200/s',
        note: judge(completions.rate >= 200, latNote(completions)) },
      { benchmark: `task completion, 8 in flight (${threads})`, figure: round(completions8.rate), unit: 'completions/s',
        baseline: `${fmt(bareS.signalCached.rate)}/s bare (reused)`, target: '≥ 200/s',
        note: judge(completions8.rate >= 200, latNote(completions8)) },
      { benchmark: `timer firing: ${fmt(T)} due at once, fireDue() (${ROUNDS} passes)`, figure: round(firing.rate), unit: 'firings/s',
        baseline: `${fmt(bareDuring.rate)}/s bare recover+resume+signal (reused), between the passes`,
        note: `first ${fmt(fired)} of ${fmt(T)} due fired (BENCH_FIRE=${T} drains all, ≈${fmt(T / firing.rate)} s at this rate); interval between claims (${platform.config.engineThreads + 1} lanes in flight) ${latNote(firing)}; ${fmt(T - running.length)} of the cases are clones of started ones inserted directly (${fmt(cloneMs / 1000)} s)` },
      { benchmark: 'platform cost per step ÷ bare engine: start', figure: round(ratio(starts1, bareS.startCached), 2), unit: 'x',
        target: '≤ 2x', note: judge(ratio(starts1, bareS.startCached) <= 2, per(starts1, bareS.startCached, 'start (diagram reused)')) },
      { benchmark: 'platform cost per step ÷ bare engine: completion', figure: round(ratio(completions, bareS.signalCached), 2), unit: 'x',
        target: '≤ 2x', note: judge(ratio(completions, bareS.signalCached) <= 2, per(completions, bareS.signalCached, 'recover+resume+signal')) },
      { benchmark: 'platform cost per step ÷ bare engine: timer firing', figure: round(ratio(firing, bareDuring), 2), unit: 'x',
        target: '≤ 2x', note: judge(ratio(firing, bareDuring) <= 2, per(firing, bareDuring, 'recover+resume+signal')) },
    );
  } finally {
    await close();
  }
}

/**
 * Inserts `count` copies of the given cases straight into the collection (new _id and caseNo,
 * same engine state), with their worklist rows: the engine holds nothing per case, so a copy is
 * as good as a start. `courts`: supervised courts to spread the copies over (the template's
 * supervised court is replaced in the case and in its task assignments).
 */
export async function cloneCases(connection: mongoose.Connection, from: CaseDoc[], count: number, courts?: string[]): Promise<number> {
  const t0 = performance.now();
  const collection = connection.collection<CaseDoc>('cases');
  const templates = await collection.find({ _id: { $in: from.map((c) => c._id) } }).toArray();
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, (_, j): CaseDoc => {
      const t = templates[(i + j) % templates.length];
      const court = courts?.[(i + j) % courts.length] ?? t.supervisedCourt;
      const moved = <T extends { assignment?: { court?: string } }>(x: T): T =>
        x.assignment?.court === t.supervisedCourt ? { ...x, assignment: { ...x.assignment, court } } : x;
      return {
        ...t, _id: new mongoose.Types.ObjectId(), caseNo: `bench-${i + j}-${Math.random().toString(36).slice(2, 8)}`,
        supervisedCourt: court, openTasks: t.openTasks.map(moved), syncPending: undefined,
        variables: { ...t.variables, supervisedCourt: court },
      };
    });
    await collection.insertMany(batch, { ordered: false });
    const open = batch.flatMap(inboxRows);
    const done = batch.flatMap(finishedRows);
    if (open.length) await connection.collection('inbox').insertMany(open as never[], { ordered: false });
    if (done.length) await connection.collection('finishedTasks').insertMany(done as never[], { ordered: false });
  }
  return performance.now() - t0;
}
