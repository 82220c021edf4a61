// The engine in worker threads (server/engine/pool.ts) answers exactly as run() does in the
// calling thread: same tasks, timers, events and state; its errors arrive as the same classes;
// the calendar crosses as data and is rebuilt with the same holidays.
import { afterAll, describe, expect, it } from 'vitest';
import { calendarFromJson, defaultCalendar } from '../../../server/calendar';
import { TaskNotOpen, TimerNotDue, createEngineRunner, inProcessRunner, run, type RunInput } from '../../../server/engine';
import { bj, courts, fixture } from './helpers';

const review = fixture('review.bpmn');
const calendar = defaultCalendar();
const pool = createEngineRunner(2);
afterAll(() => pool.close());

const start = (now = bj('2026-09-28T09:00')): RunInput => ({
  source: review, state: null, variables: courts, command: { type: 'start' }, now, calendar, actor: 'tester',
});

describe('engine worker threads', () => {
  it('start and completion give what run() gives in this thread, deadline across 国庆 included', async () => {
    const [here, there] = await Promise.all([run(start()), pool.run(start())]);
    // executionIds are random per run, and the engine state carries message ids and real
    // timestamps: compare everything else
    const strip = ({ state, ...r }: typeof here) => ({
      ...JSON.parse(JSON.stringify(r).replace(/_[0-9a-f]{6,}/g, '_<id>')), running: state?.dubanState === 1,
    });
    expect(strip(there)).toEqual(strip(here));
    // 5日 from Mon 09-28: the last day 10-03 falls in the 国庆 holiday (10-01…10-07) → 10-08
    expect(there.openTasks[0].due?.lastDay).toBe('2026-10-08');
    const complete = (r: typeof here): RunInput => ({
      ...start(bj('2026-09-29T10:00')), state: r.state, variables: r.variables,
      command: { type: 'complete', taskId: r.openTasks[0].id, data: { decision: '督办', amount: 150, handler: 'zhang' } },
    });
    const [h2, t2] = await Promise.all([run(complete(here)), pool.run(complete(there))]);
    expect(strip(t2)).toEqual(strip(h2));
    expect(t2.openTasks.map((t) => t.elementId)).toEqual(['issueSupervisionLetter']);
  });

  it('runs many commands at once across its threads, each answered with its own result', async () => {
    const days = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09'];
    const results = await Promise.all(days.map((d) => pool.run(start(bj(`${d}T09:00`)))));
    expect(results.map((r) => r.openTasks[0].openedAt)).toEqual(days.map((d) => bj(`${d}T09:00`).toISOString()));
  });

  it('an engine error crosses as the same class, with its code and fields', async () => {
    const started = await pool.run(start());
    const err = await pool.run({ ...start(), state: started.state, command: { type: 'complete', taskId: 'nope', data: {} } }).catch((e) => e);
    expect(err).toBeInstanceOf(TaskNotOpen);
    expect(err).toMatchObject({ code: 'TASK_NOT_OPEN', taskId: 'nope' });
    expect(err.message).toContain('不是待办状态');
    const early = await pool.run({ ...start(), state: started.state, command: { type: 'fireTimer', timerId: started.timers[0].id } }).catch((e) => e);
    expect(early).toBeInstanceOf(TimerNotDue);
    expect(early.details.dueAt).toBe(started.timers[0].dueAt);
  });

  it('a calendar built by hand (functions only) runs in the calling thread instead', async () => {
    const everyDayWorks = { version: 'test', isRestDay: () => false, isPublished: () => true };
    const r = await pool.run({ ...start(), calendar: everyDayWorks });
    // 5日 from 09-28 without holidays or weekends: 10-03
    expect(r.openTasks[0].due?.lastDay).toBe('2026-10-03');
  });

  it('the calendar JSON rebuilds the same calendar', () => {
    const back = calendarFromJson(calendar.json);
    for (const d of ['2026-10-01', '2026-10-08', '2026-10-10', '2026-02-14', '2026-02-15', '2027-01-01']) {
      expect(back.isRestDay(d), d).toBe(calendar.isRestDay(d));
    }
    expect(back.publishedYears).toEqual(calendar.publishedYears);
    expect(back.version).toBe(calendar.version);
  });

  it('threads = 0 is run() in this thread', () => {
    expect(createEngineRunner(0)).toBe(inProcessRunner);
    expect(inProcessRunner.run).toBe(run);
  });
});

describe('an engine thread that cannot load', () => {
  it('is reported once, and commands then run in the calling thread instead of hanging', async () => {
    const errors: unknown[] = [];
    const broken = createEngineRunner(1, {
      workerUrl: new URL('./fixtures/broken-worker.mjs', import.meta.url).href,
      onError: (err) => errors.push(err),
    });
    try {
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(1);
      expect(String((errors[0] as Error).message)).toContain('broken on purpose');
      const r = await broken.run(start());
      expect(r.openTasks.map((t) => t.elementId)).toEqual(['reviewComplaint']);
    } finally {
      await broken.close();
    }
  });
});
