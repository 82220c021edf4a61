// The engine adapter inside a worker thread (pool.ts): the same run(), fed plain data. Each
// thread keeps its own parsed-diagram cache (source.ts) and the calendars it was sent.
import { LRUCache } from 'lru-cache';
import { calendarFromJson, type BuiltCalendar } from '../calendar';
import { serializeError, type SerializedError } from './errors';
import { run } from './runner';
import type { RunInput, RunResult } from './types';

export type WorkerInput = Omit<RunInput, 'calendar'> & { calendarJson: string };
export type WorkerOutput = { ok: true; result: RunResult } | { ok: false; error: SerializedError };

// Keyed by the JSON itself: two calendars with one version string can never be confused.
const calendars = new LRUCache<string, BuiltCalendar>({ max: 4 });

export async function runInWorker({ calendarJson, ...input }: WorkerInput): Promise<WorkerOutput> {
  try {
    let calendar = calendars.get(calendarJson);
    if (!calendar) calendars.set(calendarJson, (calendar = calendarFromJson(calendarJson)));
    return { ok: true, result: await run({ ...input, calendar }) };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}
