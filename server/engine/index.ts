// The engine adapter's public face (DESIGN.md decisions 3, 4, 6). Pure: no database, no real
// clock; the cases service persists what run() returns in one guarded update.
export { run, nextDueAt, sortTimers } from './runner';
export { createEngineRunner, inProcessRunner } from './pool';
export type { EngineRunner, EngineRunnerOptions, RunEngine } from './pool';
export { remapState } from './migrate';
export type { RemapInput, RemapResult } from './migrate';
export { validateDefinition, tooManyAttributes, MAX_ATTRIBUTES } from './validate';
export type { ValidateOptions } from './validate';
export { describeDefinition } from './describe';
export type { DefinitionSummary } from './describe';
export {
  evaluate, evaluateCondition, test as feelTest, checkExpression, toFeel, fromFeel, SHARED_CASE_NAMES,
  FeelSyntaxError,
} from './feel';
export type { CourtDirectory, CourtInfo } from './feel';
export type { FeelCheck, FeelIssue, FeelOutcome } from './feel';
export { readTaskMeta } from './extensions';
export type { TaskMeta } from './extensions';
export {
  EngineError, TaskNotOpen, TaskNotOpenError, TimerNotArmed, TimerNotDue, InvalidCommand,
  StateMismatch, ProcessFailure, DefinitionLoadError,
} from './errors';
export type * from './types';
export { returnTargets, moveTargets } from './rewind';
export type { ReturnTarget } from './rewind';
