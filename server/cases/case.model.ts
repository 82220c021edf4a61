// A supervised case (督办案件) and everything the engine needs to continue it: one document,
// changed only by a single guarded update (DESIGN.md decision 2), so a change and its history
// entry (全程留痕) can never come apart.
import mongoose, { Schema, type Connection } from 'mongoose';

const openTaskSchema = new Schema(
  {
    id: { type: String, required: true },
    elementId: String,
    name: String,
    formKey: String,
    assignment: {
      court: String, role: String, user: String, exclude: { type: [String], default: undefined },
      excludeUsers: { type: [String], default: undefined }, excludedUsers: { type: [String], default: undefined },
    },
    /** One member's task of a multi-instance task (合议庭): index of count, under execution `of`. */
    instance: { type: { index: Number, count: Number, of: String, member: Schema.Types.Mixed }, default: undefined },
    dueAt: Date,
    deadline: Schema.Types.Mixed,
    basis: String,
    openedAt: Date,
    // Task actions (server/tasks/README.md): who holds the task, who it is delegated to, who
    // must also sign, the saved form (暂存) and a submission waiting for those signatures.
    claimedBy: String,
    delegation: Schema.Types.Mixed,
    cosigners: Schema.Types.Mixed,
    draft: Schema.Types.Mixed,
    pendingSubmission: Schema.Types.Mixed,
  },
  { _id: false },
);

const timerSchema = new Schema(
  {
    id: { type: String, required: true },
    elementId: String,
    name: String,
    kind: String,
    attachedTo: String,
    dueAt: { type: Date, required: true },
    notation: String,
    deadline: Schema.Types.Mixed,
    basis: String,
  },
  { _id: false },
);

// A message catch waiting (server/messages correlates on name + key).
const messageWaitSchema = new Schema(
  { id: { type: String, required: true }, elementId: String, name: String, key: String, since: Date },
  { _id: false },
);

const historySchema = new Schema(
  {
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    type: { type: String, required: true },
    element: String,
    data: Schema.Types.Mixed,
  },
  { _id: false },
);

const caseSchema = new Schema(
  {
    caseNo: { type: String, required: true },
    definition: { key: { type: String, required: true }, version: { type: Number, required: true } },
    supervisingCourt: { type: String, required: true },
    supervisedCourt: { type: String, required: true },
    // Every court currently under supervision in this case, supervisedCourt first (it changes
    // with the case: 交办 adds the 中院 above the 基层 court). Absent on older cases: [supervisedCourt].
    supervisedCourts: { type: [String], default: undefined },
    subject: Schema.Types.Mixed,
    variables: { type: Schema.Types.Mixed, default: {} },
    // bpmn-engine state as JSON text: opaque to queries, and free of key-name restrictions.
    engineState: { type: String, default: null },
    openTasks: { type: [openTaskSchema], default: [] },
    timers: { type: [timerSchema], default: [] },
    nextDueAt: { type: Date, default: null },
    messageWaits: { type: [messageWaitSchema], default: [] },
    // Messages this case sent, written in the same guarded update as the step that sent them
    // and moved to the messages collection afterwards (server/messages: an outbox, so a crash
    // between the two never loses one).
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    // The earliest due instant among the open tasks (NEVER when none, or closed): kept in the
    // case's own write, so that overdue / due-this-week lists and figures are index reads.
    firstDueAt: { type: Date },
    // Set by every case write, cleared once the worklists (server/worklists) reflect it.
    syncPending: Boolean,
    // Set by every case write with history, cleared once its messages are written (server/notifications).
    notifyPending: Boolean,
    notifiedSeq: Number,
    lease: { owner: String, until: Date },
    history: { type: [historySchema], default: [] },
    version: { type: Number, required: true, default: 0 },
    status: { type: String, enum: ['running', 'completed', 'failed', 'suspended'], default: 'running' },
    // 挂起 (server/caseAdmin): who suspended it and why, while suspended; and every past
    // suspension as an excluded period of the case's deadlines (中止 → 恢复, CALENDAR.md R9).
    suspension: { type: Schema.Types.Mixed, default: undefined },
    suspensions: { type: [Schema.Types.Mixed], default: undefined },
    // The engine run that failed (a timer's firing), for the administrator's retry.
    failure: { type: Schema.Types.Mixed, default: undefined },
    createdAt: { type: Date, required: true },
    closedAt: Date,
  },
  { collection: 'cases', versionKey: false, minimize: false },
);
caseSchema.index({ caseNo: 1 }, { unique: true });
caseSchema.index({ 'openTasks.id': 1 });
caseSchema.index({ 'openTasks.assignment.court': 1 });
caseSchema.index({ nextDueAt: 1 });
// The correlation key alone (it is selective): the embedded store refuses a compound index on
// two fields of one array ("parallel arrays"), which MongoDB itself allows.
caseSchema.index({ 'messageWaits.key': 1 });
caseSchema.index({ 'outbox.id': 1 }, { sparse: true });
// Lists and figures are keyed on every court under supervision in the case (`supervisedCourts`:
// a 交办 adds the 中院 to the 基层 court, and both see the case in their lists) and confined to
// the courts a user sees ($in over them; the embedded store merges one scan per court in sort
// order, each case once, and counts from index entries). One array field per index: the
// embedded store, like mongod, refuses two ("parallel arrays").
caseSchema.index({ supervisedCourts: 1, createdAt: -1 });
caseSchema.index({ supervisedCourts: 1, status: 1, createdAt: -1 });
caseSchema.index({ supervisedCourts: 1, status: 1, firstDueAt: 1 });
caseSchema.index({ supervisedCourts: 1, firstDueAt: 1 });
caseSchema.index({ syncPending: 1 });
caseSchema.index({ supervisingCourt: 1, status: 1 });
caseSchema.index({ 'definition.key': 1, 'definition.version': 1, status: 1 });

export interface OpenTask {
  id: string;
  elementId: string;
  name?: string;
  formKey?: string;
  /**
   * exclude: task ids whose completers must not take this one; excludeUsers: usernames the
   * diagram names (e.g. the 终本 handler); excludedUsers: everyone excluded, derived on every write.
   */
  assignment?: { court?: string; role?: string; user?: string; exclude?: string[]; excludeUsers?: string[]; excludedUsers?: string[] };
  instance?: { index: number; count: number; of: string; member?: unknown };
  dueAt?: Date;
  deadline?: unknown;
  basis?: string;
  openedAt?: Date;
  /** 认领 / 转办: the one person working a court + role task (others see who). */
  claimedBy?: string;
  /** 委派: `to` does the work and hands it back to `from`. */
  delegation?: { from: string; to: string; at: Date; reason: string };
  /** 加签: each must sign before the submission goes on. */
  cosigners?: { user: string; by: string; at: Date; reason: string; signedAt?: Date; opinion?: string }[];
  /** 暂存: the form as last saved, to finish later. */
  draft?: { data: Record<string, unknown>; by: string; at: Date };
  /** Submitted while signatures were outstanding: runs when the last one arrives. */
  pendingSubmission?: { data: Record<string, unknown>; by: string; at: Date };
}

/** The task fields the platform keeps (the engine knows nothing of them): carried across commands. */
export const TASK_ACTION_FIELDS = ['claimedBy', 'delegation', 'cosigners', 'draft', 'pendingSubmission'] as const;

export interface CaseTimer {
  id: string;
  elementId: string;
  name?: string;
  kind?: string;
  attachedTo?: string;
  dueAt: Date;
  notation?: string;
  deadline?: unknown;
  basis?: string;
}

export interface CaseMessageWait {
  id: string;
  elementId: string;
  name: string;
  key: string;
  since: Date;
}

/** A message sent by the case and not yet in the messages collection. */
export interface OutboxMessage {
  id: string;
  element: string;
  name: string;
  key: string;
  payload?: unknown;
  expiresAt?: Date;
  sentAt: Date;
}

export interface HistoryEntry {
  seq: number;
  at: Date;
  actor: string;
  type: string;
  element?: string;
  data?: unknown;
}

export interface CaseDoc {
  _id: mongoose.Types.ObjectId;
  caseNo: string;
  definition: { key: string; version: number };
  supervisingCourt: string;
  supervisedCourt: string;
  supervisedCourts?: string[];
  subject?: Record<string, unknown>;
  variables: Record<string, unknown>;
  engineState: string | null;
  openTasks: OpenTask[];
  timers: CaseTimer[];
  nextDueAt: Date | null;
  messageWaits?: CaseMessageWait[];
  outbox?: OutboxMessage[];
  firstDueAt?: Date;
  syncPending?: boolean;
  lease?: { owner?: string; until?: Date };
  history: HistoryEntry[];
  version: number;
  status: 'running' | 'completed' | 'failed' | 'suspended';
  suspension?: CaseSuspension | null;
  suspensions?: CaseExclusion[];
  failure?: CaseFailure | null;
  createdAt: Date;
  closedAt?: Date;
}

export const caseModel = (c: Connection) => c.models.Case ?? c.model('Case', caseSchema);

/** A case under 挂起: nothing of it counts or runs until 恢复. */
export interface CaseSuspension {
  at: Date;
  by: string;
  reason: string;
}

/** One past suspension, as the calendar's excluded period (Beijing dates, R9). */
export interface CaseExclusion {
  from: string;
  to: string;
  reason?: string;
}

/** The engine run that failed: what it was doing, where, and why (shown to the administrator). */
export interface CaseFailure {
  at: Date;
  command: { type: 'fireTimer'; timerId: string };
  element?: string;
  message: string;
}
