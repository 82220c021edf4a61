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

export interface EngineRunnerOptions {
  /** A thread that fails outside a command (it could not load, it died idle). */
  onError?: (err: unknown) => void;
  /** Tests only: another worker module. */
  workerUrl?: string;
}

export function createEngineRunner(threads: number, opts: EngineRunnerOptions = {}): EngineRunner {
  if (threads <= 0) return inProcessRunner;
  const pool = new Piscina<WorkerInput, WorkerOutput>({
    filename: opts.workerUrl ?? new URL('./worker.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  // Without a listener such an error would end the process. Piscina does not restart a thread
  // that failed while loading, so from then on commands run in the calling thread: slower,
  // never stuck. A command in flight when its thread died is rejected (the caller answers 4xx/5xx).
  let failed = false;
  pool.on('error', (err) => {
    failed = true;
    opts.onError?.(err);
  });
  return {
    threads,
    async run(input) {
      const { calendar, ...rest } = input;
      const calendarJson = (calendar as Partial<BuiltCalendar>).json;
      // A calendar made of functions only (built by hand in a test) cannot cross threads.
      if (failed || typeof calendarJson !== 'string') return run(input);
      const out = await pool.run({ ...rest, calendarJson });
      if (!out.ok) throw reviveError(out.error);
      return out.result;
    },
    close: () => pool.destroy(),
  };
}
