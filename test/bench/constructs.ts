// Multi-instance completion (issue 17): one 合议庭 member's vote, and a five-member panel from
// formed to decided (three votes for the majority), through the engine adapter (server/engine
// run(), no database) next to bare bpmn-engine on the same diagram, interleaved. The bare side
// reads its collection with `${environment.variables.members}` and has no completion condition
// (its `${}` has no operators), so its panel runs all five votes: the per-vote figure is the
// like-for-like comparison.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from 'bpmn-engine';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { defaultCalendar } from '../../server/calendar';
import { run, type EngineState, type RunResult } from '../../server/engine';
import { withIsoTimers } from './bare';
import { fmt, interleaved, latNote, round, scaled, type Row } from './lib';

const XML = readFileSync(path.join(import.meta.dirname, '../unit/engine/fixtures/collegial-panel.bpmn'), 'utf8');
const MEMBERS = ['judgeA', 'judgeB', 'judgeC', 'judgeD', 'judgeE'];
const calendar = defaultCalendar();
const T0 = new Date('2026-10-09T01:00:00Z');
const base = { supervisingCourt: 'HN-GY', supervisedCourt: 'HN-HK-ZY' };

async function formedPanel(): Promise<RunResult> {
  const started = await run({ source: XML, variables: base, command: { type: 'start' }, now: T0, calendar });
  return run({
    source: XML, state: started.state, variables: started.variables, now: T0, calendar,
    command: { type: 'complete', taskId: started.openTasks[0].id, data: { members: MEMBERS } },
  });
}

const vote = (r: RunResult, i: number) => run({
  source: XML, state: r.state as EngineState, variables: r.variables, now: T0, calendar, actor: MEMBERS[i],
  command: { type: 'complete', taskId: r.openTasks.find((t) => t.instance?.index === i)!.id, data: { opinion: '同意' } },
});

interface Api { executionId: string; type: string; signal(p?: unknown): void }
type BareState = Record<string, unknown>;

async function bareMultiInstance() {
  const xml = withIsoTimers(XML)
    .replace('camunda:collection="formPanel.members"', 'camunda:collection="${environment.variables.members}"')
    .replace(/<bpmn:completionCondition[\s\S]*?<\/bpmn:completionCondition>/, '')
    .replace(/<bpmn:conditionExpression[\s\S]*?<\/bpmn:conditionExpression>/g, '');
  const engine = (opts: object) => new Engine({ name: 'bare', moddleOptions: { camunda }, source: xml, ...opts } as never) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Start and pass the first task: the panel's five tasks wait.
  const e = engine({ variables: { members: MEMBERS } });
  const listener = new EventEmitter();
  const waits: Api[] = [];
  listener.on('wait', (api: Api) => { if (api.type === 'bpmn:UserTask') waits.push(api); });
  await e.execute({ listener });
  waits.shift()!.signal({});
  await new Promise((r) => setImmediate(r));
  const panelOpen = (await e.getState()) as BareState;
  /** recover → resume → signal `count` waiting instances, one after the other → state. */
  return async (count: number) => {
    const b = engine({});
    const l = new EventEmitter();
    const open = new Map<string, Api>();
    l.on('wait', (api: Api) => { if (api.type === 'bpmn:UserTask') open.set(api.executionId, api); });
    l.on('activity.leave', (api: Api) => open.delete(api.executionId));
    b.recover(JSON.parse(JSON.stringify(panelOpen)));
    await b.resume({ listener: l });
    for (let k = 0; k < count; k++) {
      const next = [...open.values()][0];
      open.delete(next.executionId);
      next.signal({ opinion: '同意' });
      await new Promise((r) => setImmediate(r));
    }
    if (b.state === 'running') await b.getState();
  };
}

export async function benchConstructs(rows: Row[], log: (s: string) => void): Promise<void> {
  const formed = await formedPanel();
  const bare = await bareMultiInstance();
  const N = scaled(200);
  log(`constructs: one vote and a decided panel, interleaved (${N} of each)`);
  const L = await interleaved(5, {
    adapterVote: { n: N, fn: () => vote(formed, 1) },
    bareVote: { n: N, fn: () => bare(1) },
    adapterPanel: { n: Math.ceil(N / 3), fn: async () => { let r = formed; for (const i of [0, 1, 2]) r = await vote(r, i); if (r.status !== 'completed') throw new Error('panel not decided'); } },
    barePanel: { n: Math.ceil(N / 3), fn: () => bare(5) },
  });
  rows.push(
    { benchmark: 'multi-instance: one 合议庭 member votes (recover+resume+complete one of 5 instances)', figure: round(L.adapterVote.rate), unit: 'votes/s',
      baseline: `${fmt(L.bareVote.rate)}/s bare (recover+resume+signal one instance, XML parsed each time)`, note: `${round(L.adapterVote.mean / L.bareVote.mean, 2)}x bare; ${latNote(L.adapterVote)}` },
    { benchmark: 'multi-instance: a 5-member panel from formed to decided (3 votes = 3 commands; the majority condition releases the other 2)', figure: round(L.adapterPanel.mean, 1), unit: 'ms/panel',
      baseline: `${fmt(L.barePanel.mean)} ms bare, all 5 signalled in one resumed engine (no condition)`, note: latNote(L.adapterPanel) },
  );
}
