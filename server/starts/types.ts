import type { StartSpec } from '../engine/startSpec';

export type TimerStartSpec = Extract<StartSpec, { kind: 'timer' }>;
export type MessageStartSpec = Extract<StartSpec, { kind: 'message' }>;
