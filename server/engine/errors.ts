// Every error the engine adapter throws, in one place. `code` is stable for the HTTP layer's
// mapping; `message` is Chinese and says what and why.

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Completing a task that is not open (unknown, already completed, or cancelled by a timer). */
export class TaskNotOpen extends EngineError {
  override name = 'TaskNotOpen';
  constructor(readonly taskId: string) {
    super('TASK_NOT_OPEN', `任务 ${taskId} 不是待办状态（不存在、已办结或已被期限取消）`, { taskId });
  }
}

export class TimerNotArmed extends EngineError {
  override name = 'TimerNotArmed';
  constructor(readonly timerId: string) {
    super('TIMER_NOT_ARMED', `定时器 ${timerId} 未处于计时状态（不存在、已触发或已取消）`, { timerId });
  }
}

export { TaskNotOpen as TaskNotOpenError };

/** The platform clock has not reached the due instant: a timer never fires early. */
export class TimerNotDue extends EngineError {
  override name = 'TimerNotDue';
  constructor(readonly timerId: string, readonly dueAt: string, now: Date) {
    super('TIMER_NOT_DUE', `定时器 ${timerId} 的到期时间为 ${dueAt}，当前时间 ${now.toISOString()} 尚未到期`, {
      timerId, dueAt, now: now.toISOString(),
    });
  }
}

/** The command does not fit the state (start on a running case, act on none, …). */
export class InvalidCommand extends EngineError {
  override name = 'InvalidCommand';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_COMMAND', message, details);
  }
}

/** The stored state does not belong to the given diagram (ids missing): refuse, never guess. */
export class StateMismatch extends EngineError {
  override name = 'StateMismatch';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('STATE_MISMATCH', message, details);
  }
}

/** The diagram failed while running (a timer base missing, an engine error …). */
export class ProcessFailure extends EngineError {
  override name = 'ProcessFailure';
  constructor(message: string, readonly element?: string, readonly inner?: unknown) {
    super('PROCESS_FAILURE', message, { element });
  }
}

/** The source could not be loaded into the engine. */
export class DefinitionLoadError extends EngineError {
  override name = 'DefinitionLoadError';
  constructor(message: string, readonly inner?: unknown) {
    super('DEFINITION_LOAD', message);
  }
}

/** An error as it crosses from an engine worker thread: plain data (structured clone). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  props?: Record<string, unknown>;
}

const CLASSES: Record<string, { prototype: Error }> = {
  EngineError, TaskNotOpen, TimerNotArmed, TimerNotDue, InvalidCommand, StateMismatch, ProcessFailure, DefinitionLoadError,
};

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  // Own fields (code, details, taskId, element …); `inner` may hold what cannot be cloned.
  const { inner: _inner, ...props } = { ...err } as Record<string, unknown>;
  return { name: err.name, message: err.message, stack: err.stack, props: JSON.parse(JSON.stringify(props)) };
}

/** The same class on this side of the thread boundary, so `instanceof` checks keep working. */
export function reviveError(e: SerializedError): Error {
  const Class = CLASSES[e.name];
  const err = Class ? (Object.create(Class.prototype) as Error) : new Error(e.message);
  Object.assign(err, e.props, { message: e.message });
  if (e.stack) err.stack = e.stack;
  return err;
}
