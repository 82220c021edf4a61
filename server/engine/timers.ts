// Durable timers. bpmn-elements computes `timeout = expireAt - Date.now()` with the REAL clock
// and completes a timer itself when that is <= 0 (on resume, every "overdue" timer fires, in
// document order). The platform clock can be years away from the real one, so:
//  - the timer body is the calendar notation, computed against the platform clock;
//  - the timeout handed to bpmn-elements is always positive, so it never completes by itself;
//  - DurableTimers records callbacks and schedules nothing; the runner fires ONE timer by id.
import { TimerEventDefinition } from 'bpmn-elements';
import { armDeadline, deadlineChanged, notationOf, recomputeDeadline, type DeadlineContext } from './deadlines';
import { armCycle, isCycleRecord, recomputeCycle } from './cycles';
import { TimerNotArmed } from './errors';
import { runtimeOf, type Runtime } from './runtime';
import type { TimerRecord } from './types';

const TIMER_TYPES = ['timeDuration', 'timeDate', 'timeCycle'] as const;
type TimerType = (typeof TIMER_TYPES)[number];

interface TimerBase {
  activity: { id: string; environment: unknown };
  environment: unknown;
  timeDuration?: string;
  timeDate?: string;
  timeCycle?: string;
}
interface ExecuteMessage {
  content: { executionId: string; duban?: TimerRecord; [k: string]: unknown };
}

const Base = TimerEventDefinition as unknown as new (activity: unknown, def: unknown) => TimerBase;

export function deadlineContext(rt: Runtime, elementId: string): DeadlineContext {
  return {
    variables: rt.variables, now: rt.now, courts: rt.courts, calendar: rt.calendar,
    exclusions: rt.exclusions, extensions: rt.extensions?.[elementId],
  };
}

export class CalendarTimerEventDefinition extends Base {
  private body(): { timerType: TimerType; notation: string } {
    for (const timerType of TIMER_TYPES) {
      const value = this[timerType];
      if (typeof value !== 'string' || !value.trim()) continue;
      if (timerType === 'timeCycle') return { timerType, notation: value.trim() };
      return { timerType, notation: notationOf(timerType, value) };
    }
    throw new Error(`定时器 ${this.activity.id} 没有期限`);
  }

  /** The documented hook; kept consistent, but _getTimers is what runs (it needs the record). */
  parse(timerType: TimerType, value: string): { expireAt: Date; delay: number } {
    const rt = runtimeOf(this.environment);
    const record = armDeadline(notationOf(timerType, value), deadlineContext(rt, this.activity.id));
    return { expireAt: new Date(record.dueAt), delay: Date.parse(record.dueAt) - rt.now.getTime() };
  }

  _getTimers(executeMessage: ExecuteMessage) {
    const rt = runtimeOf(this.environment);
    const { content } = executeMessage;
    const elementId = this.activity.id;
    const { timerType, notation } = this.body();
    let record = content.duban;
    if (timerType === 'timeCycle') return this.cycle(executeMessage, rt, notation);
    if (!record) {
      record = armDeadline(notation, deadlineContext(rt, elementId));
      rt.emit('timerArmed', elementId, { timerId: content.executionId, dueAt: record.dueAt, notation });
    } else if (notation !== (record.template ?? record.notation) || rt.recompute
      || (rt.firingId === content.executionId && record.deadline.provisional)) {
      // Recorded instants are never re-derived implicitly: only on an explicit recompute, a
      // changed diagram (migration), or a provisional deadline about to fire (R11).
      const next = recomputeDeadline(record, deadlineContext(rt, elementId), notation);
      if (deadlineChanged(record, next)) {
        rt.emit('timerRescheduled', elementId, {
          timerId: content.executionId, from: record.dueAt, to: next.dueAt, notation: next.notation,
          provisional: next.deadline.provisional, rule: next.deadline.rule,
        });
      }
      record = next;
    }
    return {
      timerType, [timerType]: notation, expireAt: new Date(record.dueAt), startedAt: rt.now,
      timeout: 1, // never <= 0: bpmn-elements would complete the timer on the real clock
      duban: record,
    };
  }

  /**
   * A cycle: the next occurrence after now (after the one that fired, on a restart of a
   * non-interrupting boundary), repeating without end, or R<n> times for an ISO cycle.
   */
  private cycle(executeMessage: ExecuteMessage, rt: Runtime, notation: string) {
    const { content } = executeMessage;
    const elementId = this.activity.id;
    const inbound = (content.inbound as { repeat?: number }[] | undefined)?.[0];
    const recorded = content.duban;
    let record;
    if (!isCycleRecord(recorded)) {
      record = armCycle(notation, rt, rt.now);
      rt.emit('timerArmed', elementId, { timerId: content.executionId, dueAt: record.dueAt, notation, cycle: record.cycle });
    } else if (notation !== recorded.notation || rt.recompute || (rt.firingId === content.executionId && recorded.deadline.provisional)) {
      record = recomputeCycle(recorded, rt, notation);
      if (record.dueAt !== recorded.dueAt) {
        rt.emit('timerRescheduled', elementId, {
          timerId: content.executionId, from: recorded.dueAt, to: record.dueAt, notation,
          provisional: record.deadline.provisional, rule: record.deadline.rule,
        });
      }
    } else record = recorded;
    const iso = /^R([0-9]+)\//i.exec(notation);
    return {
      timerType: 'timeCycle', timeCycle: notation, expireAt: new Date(record.dueAt), startedAt: rt.now, timeout: 1,
      // Without end (-1), or what is left of an ISO R<n>; bpmn-elements counts it down on restarts.
      repeat: inbound && 'repeat' in inbound ? inbound.repeat : iso ? Number(iso[1]) : -1,
      duban: record,
    };
  }
}

/** One armed timer as the registry holds it for this command. */
export interface ArmedTimer {
  id: string;
  elementId: string;
  owner: { executionId: string; id: string; duban?: TimerRecord; attachedTo?: string; [k: string]: unknown };
  callback: (...args: unknown[]) => void;
  args: unknown[];
}

/** The `timers` option: records what bpmn-elements arms, schedules nothing in-process. */
export class DurableTimers {
  private readonly refs = new Map<string, ArmedTimer>();
  /** Set while the runner stops the engine: clearing then is not a cancellation. */
  stopping = false;
  onCancel?: (timer: ArmedTimer) => void;

  /** engine.stop() and engine end iterate this and call clearTimeout on each. */
  get executing(): ArmedTimer[] {
    return [...this.refs.values()];
  }

  register(owner: ArmedTimer['owner']) {
    return {
      setTimeout: (callback: ArmedTimer['callback'], _delay: number, ...args: unknown[]) => this.arm(owner, callback, args),
      clearTimeout: (ref: ArmedTimer | undefined) => this.clearTimeout(ref),
    };
  }

  setTimeout(callback: ArmedTimer['callback'], _delay: number, ...args: unknown[]): ArmedTimer {
    const meta = (args[0] ?? {}) as { executionId?: string; id?: string };
    const id = meta.executionId ?? `timer_${this.refs.size}`;
    return this.arm({ executionId: id, id: meta.id ?? id }, callback, args);
  }

  clearTimeout(ref: ArmedTimer | undefined): undefined {
    if (ref && this.refs.get(ref.id) === ref) {
      this.refs.delete(ref.id);
      if (!this.stopping) this.onCancel?.(ref);
    }
    return undefined;
  }

  armed(): ArmedTimer[] {
    return [...this.refs.values()];
  }

  get(id: string): ArmedTimer | undefined {
    return this.refs.get(id);
  }

  /** Fires exactly one timer, as its own setTimeout would have. */
  fire(id: string): void {
    const ref = this.refs.get(id);
    if (!ref) throw new TimerNotArmed(id);
    this.refs.delete(id);
    ref.callback(...ref.args);
  }

  private arm(owner: ArmedTimer['owner'], callback: ArmedTimer['callback'], args: unknown[]): ArmedTimer {
    const ref: ArmedTimer = { id: owner.executionId, elementId: owner.id, owner, callback, args };
    this.refs.set(ref.id, ref);
    return ref;
  }
}
