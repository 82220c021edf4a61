// The public contract of the engine adapter: one command in, the full new persisted state out.
import type {
  DeadlineResult, DeadlineSpec, Exclusion, Extension, HolidayCalendar,
} from '../calendar/types';
import type { CourtDirectory } from './feel';

export type Variables = Record<string, unknown>;

/** engine.getState() as JSON, without the diagram (the caller passes the source each time). */
export interface EngineState {
  engineVersion: string;
  dubanState: 1;
  [key: string]: unknown;
}

export interface Actor {
  username: string;
  court?: string;
}

export type Command =
  | { type: 'start' }
  | { type: 'complete'; taskId: string; data: Record<string, unknown> }
  | { type: 'fireTimer'; timerId: string }
  /** Discard the open task and start `to` afresh (退回 to an earlier step, the cockpit's move). */
  | { type: 'moveToken'; taskId: string; to: string }
  /** Recompute every armed timer against the calendar / exclusions given (R9, R11). */
  | { type: 'recompute' }
  /** Hand a durable message to the catch waiting for it (server/messages delivers). */
  | { type: 'deliverMessage'; waitId: string; message: DeliveredMessage };

/** A message as the platform delivers it to a waiting catch. */
export interface DeliveredMessage {
  id: string;
  name: string;
  key: string;
  payload?: unknown;
  /** The sending case (id, 督办案号) and element. */
  from?: { caseId?: string; caseNo?: string; element?: string };
}

/** A catch (intermediate / boundary event, receive task, message start) waiting for a message. */
export interface MessageWait {
  /** The waiting element's executionId: pass it to deliverMessage. */
  id: string;
  elementId: string;
  name: string;
  key: string;
  since: string;
}

export interface RunInput {
  source: string;
  state?: EngineState | null;
  variables: Variables;
  command: Command;
  now: Date;
  calendar: HolidayCalendar;
  /** The case's courts and their ancestors: what courtLevel()/parentCourt() answer in FEEL. */
  courts?: CourtDirectory;
  /** Who acts: recorded in events (`by`). A username or {username, court}. */
  actor?: string | Actor;
  /** Excluded periods of the case (中止 → 恢复 …). Absent: each timer keeps what it recorded. */
  exclusions?: Exclusion[];
  /** Approved extensions by timer (boundary / catch event) element id (R9). */
  extensions?: Record<string, Extension[]>;
}

/**
 * A task goes to {court, role} or to one user; `error` when the rule gave neither.
 * {court, role, user}: a named person (专人) of that court and role — the platform checks
 * that the user belongs to them. `exclude`: user task ids whose completers may not take this
 * task (回避: 另行组成合议庭); the platform resolves them to usernames from the case history.
 */
export interface Assignment {
  court?: string;
  role?: string;
  user?: string;
  exclude?: string[];
  /** Usernames that may not take it, named by the diagram (e.g. `[zhongben.handler]`). */
  excludeUsers?: string[];
  error?: string;
}

/**
 * One instance of a multi-instance task: instance `index` of `count`, under the activity's
 * execution `of` (sibling instances share it), for `member` (the collection's item).
 */
export interface TaskInstance {
  index: number;
  count: number;
  of: string;
  member?: unknown;
}

export interface OpenTask {
  /** The engine executionId: stable across recover/resume. */
  id: string;
  elementId: string;
  name?: string;
  formKey?: string;
  assignment: Assignment;
  due?: DeadlineResult;
  basis?: string;
  openedAt: string;
  instance?: TaskInstance;
}

/** What a timer recorded when it was armed: enough to audit (R13) and recompute (R9/R11). */
export interface TimerRecord {
  notation: string;
  /** The notation as written when it had `{expr}` placeholders (a period a form sets). */
  template?: string;
  spec: DeadlineSpec;
  /** The resolved base instant (ISO), whether it was a date without time, and its expression. */
  base: string;
  baseExpr?: string;
  dateOnly?: boolean;
  exclusions: Exclusion[];
  extensions: Extension[];
  dueAt: string;
  deadline: DeadlineResult;
  armedAt: string;
}

export type TimerKind = 'interrupting' | 'non-interrupting' | 'intermediate';

export interface TimerInfo {
  /** The timer's executionId: stable across recover/resume; pass it to fireTimer. */
  id: string;
  elementId: string;
  name?: string;
  kind: TimerKind;
  attachedTo?: string;
  dueAt: string;
  deadline: DeadlineResult;
  notation: string;
  basis?: string;
}

export type EngineEventType =
  | 'started' | 'taskOpened' | 'taskCompleted' | 'taskCancelled'
  | 'timerArmed' | 'timerFired' | 'timerCancelled' | 'timerRescheduled' | 'taskDueChanged'
  | 'gatewayTaken' | 'eventReached' | 'ledgerEntry' | 'expressionWarning' | 'ended'
  | 'messageWaiting' | 'messageReceived' | 'messageSent'
  | 'childRequested' | 'childCompleted' | 'childFailed';

export interface EngineEvent {
  type: EngineEventType;
  element: string;
  at: string;
  data?: Record<string, unknown>;
}

export interface RunResult {
  state: EngineState | null;
  status: 'running' | 'completed';
  openTasks: OpenTask[];
  timers: TimerInfo[];
  nextDueAt: string | null;
  /** Message catches waiting now (server/messages correlates on name + key). */
  messageWaits: MessageWait[];
  events: EngineEvent[];
  variables: Variables;
}

export interface Problem {
  element?: string;
  line?: number;
  code: string;
  /** Chinese: what is wrong and why. */
  message: string;
}
