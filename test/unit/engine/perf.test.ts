// Measured, not asserted: start → wait → getState, and recover + resume + signal, per command.
import { expect, it } from 'vitest';
import { run } from '../../../server/engine';
import { bj, calendar, courts, fixture } from './helpers';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

it('measures the per-command cost (printed)', async () => {
  const source = fixture('review.bpmn');
  const now = bj('2026-11-02T09:00');
  const start = () => run({ source, state: null, variables: courts, command: { type: 'start' }, now, calendar });
  for (let i = 0; i < 20; i++) await start(); // warm up JIT and the parsed-source cache
  const startMs: number[] = [];
  const states = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const r = await start();
    startMs.push(performance.now() - t0);
    states.push(JSON.stringify(r));
  }
  const signalMs: number[] = [];
  for (const text of states) {
    const r = JSON.parse(text);
    const t0 = performance.now();
    const done = await run({
      source, state: r.state, variables: r.variables, now, calendar,
      command: { type: 'complete', taskId: r.openTasks[0].id, data: { decision: '不督办' } },
    });
    signalMs.push(performance.now() - t0);
    expect(done.status).toBe('completed');
  }
  const size = JSON.stringify(JSON.parse(states[0]).state).length;
  console.log(`[engine perf] start→wait→getState p50 ${percentile(startMs, 50).toFixed(2)} ms, p95 ${percentile(startMs, 95).toFixed(2)} ms; `
    + `recover+resume+signal→end p50 ${percentile(signalMs, 50).toFixed(2)} ms, p95 ${percentile(signalMs, 95).toFixed(2)} ms; state ${size} bytes`);
});
