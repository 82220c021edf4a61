// Test data and a driver that walks a case command by command, JSON round-tripping the state
// between every command exactly as the cases collection does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultCalendar } from '../../../server/calendar';
import { run } from '../../../server/engine';
import type { Exclusion, HolidayCalendar } from '../../../server/calendar';
import type { Command, EngineState, RunResult, Variables } from '../../../server/engine';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

export const calendar: HolidayCalendar = defaultCalendar();

/** Beijing wall time → instant. */
export function bj(local: string): Date {
  return new Date(`${local}+08:00`);
}

export const courts = { supervisingCourt: 'HN-GY', supervisedCourt: 'HN-HK-ZY' };

export class CaseDriver {
  state: EngineState | null = null;
  variables: Variables;
  last!: RunResult;
  history: RunResult['events'] = [];

  constructor(readonly source: string, variables: Variables = courts, readonly cal: HolidayCalendar = calendar) {
    this.variables = variables;
  }

  async send(command: Command, now: Date, extra: { actor?: string; exclusions?: Exclusion[]; calendar?: HolidayCalendar } = {}): Promise<RunResult> {
    const result = await run({
      source: this.source,
      state: this.state ? JSON.parse(JSON.stringify(this.state)) : null,
      variables: JSON.parse(JSON.stringify(this.variables)),
      command, now, calendar: extra.calendar ?? this.cal, actor: extra.actor ?? 'tester', exclusions: extra.exclusions,
    });
    // What the cases collection stores: JSON only.
    const stored = JSON.parse(JSON.stringify(result)) as RunResult;
    this.state = stored.state;
    this.variables = stored.variables;
    this.history.push(...stored.events);
    this.last = result;
    return result;
  }

  start(now: Date) {
    return this.send({ type: 'start' }, now);
  }

  complete(elementId: string, data: Record<string, unknown>, now: Date) {
    const task = this.last.openTasks.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no open task ${elementId}: ${this.last.openTasks.map((t) => t.elementId)}`);
    return this.send({ type: 'complete', taskId: task.id, data }, now);
  }

  fire(elementId: string, now: Date) {
    const timer = this.last.timers.find((t) => t.elementId === elementId);
    if (!timer) throw new Error(`no armed timer ${elementId}`);
    return this.send({ type: 'fireTimer', timerId: timer.id }, now);
  }

  openElements(): string[] {
    return this.last.openTasks.map((t) => t.elementId).sort();
  }

  timerElements(): string[] {
    return this.last.timers.map((t) => t.elementId).sort();
  }
}
