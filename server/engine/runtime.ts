// The per-command context the replaced behaviours read: the platform clock, the calendar and
// the case variables. It travels as `environment.options.duban`, which bpmn-elements copies
// into every cloned environment but never persists, so nothing of it leaks into the state.
import type { Exclusion, Extension, HolidayCalendar } from '../calendar/types';
import type { CourtDirectory } from './feel';
import type { DurableTimers } from './timers';
import type { EngineEvent, EngineEventType, Variables } from './types';

export interface Runtime {
  now: Date;
  at: string;
  calendar: HolidayCalendar;
  variables: Variables;
  /** The case's courts for courtLevel()/parentCourt() in FEEL. */
  courts?: CourtDirectory;
  exclusions?: Exclusion[];
  extensions?: Record<string, Extension[]>;
  /** Re-derive every armed timer on resume (calendar, exclusions or diagram changed). */
  recompute: boolean;
  /** The timer the command fires: a provisional one is recomputed first (R11). */
  firingId?: string;
  timers: DurableTimers;
  events: EngineEvent[];
  failures: { element?: string; error: unknown }[];
  emit(type: EngineEventType, element: string, data?: Record<string, unknown>): void;
}

export function createRuntime(input: {
  now: Date;
  calendar: HolidayCalendar;
  variables: Variables;
  courts?: CourtDirectory;
  exclusions?: Exclusion[];
  extensions?: Record<string, Extension[]>;
  timers: DurableTimers;
}): Runtime {
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) {
    throw new TypeError('now 必须是有效的 Date（平台时钟）');
  }
  const events: EngineEvent[] = [];
  const at = input.now.toISOString();
  return {
    ...input,
    at,
    recompute: false,
    events,
    failures: [],
    emit(type, element, data) {
      events.push(data ? { type, element, at, data } : { type, element, at });
    },
  };
}

interface WithOptions {
  options?: { duban?: Runtime };
}

export function runtimeOf(environment: unknown): Runtime {
  const rt = (environment as WithOptions | undefined)?.options?.duban;
  if (!rt) throw new Error('engine runtime missing: elements must run through server/engine/runner');
  return rt;
}
