// Engine commands in worker threads. A command is CPU work from start to end (bpmn-engine's
// message broker, no I/O), so in the server thread it holds up every request behind it, and a
// 2-core machine runs it on one core. The pool runs run() on other threads; the server thread
// keeps HTTP, the database and the (embedded) store. Still one engine per command, nothing
// kept between commands (DESIGN.md decision 3): a thread holds only parsed diagrams and
// calendars, both caches of immutable inputs.
import Piscina from 'piscina';
import type { BuiltCalendar } from '../calendar';
import { reviveError } from './errors';
import { run } from './runner';
import type { RunInput, RunResult } from './types';
import type { WorkerInput, WorkerOutput } from './worker';

export type RunEngine = (input: RunInput) => Promise<RunResult>;

export interface EngineRunner {
  run: RunEngine;
  /** Worker threads (0: commands run in the calling thread). */
  threads: number;
  close(): Promise<void>;
}

/** In the calling thread: tests of the adapter, and DUBAN_ENGINE_THREADS=0. */
export const inProcessRunner: EngineRunner = { run, threads: 0, close: async () => undefined };

export function createEngineRunner(threads: number): EngineRunner {
  if (threads <= 0) return inProcessRunner;
  const pool = new Piscina<WorkerInput, WorkerOutput>({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  return {
    threads,
    async run(input) {
      const { calendar, ...rest } = input;
      const calendarJson = (calendar as Partial<BuiltCalendar>).json;
      // A calendar made of functions only (built by hand in a test) cannot cross threads.
      if (typeof calendarJson !== 'string') return run(input);
      const out = await pool.run({ ...rest, calendarJson });
      if (!out.ok) throw reviveError(out.error);
      return out.result;
    },
    close: () => pool.destroy(),
  };
}
