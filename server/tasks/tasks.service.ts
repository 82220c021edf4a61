// Completing a task: the one place where a handler's decision moves a case forward.
// Two handlers completing the same task at once: both read version v, exactly one guarded
// update matches, the other answers 409 and changes nothing.
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { CaseSummaryDoc } from '../cases/cases.repository';
import type { CasesDeps } from '../cases/cases.service';
import { checkNamedAssignees, checkPanels, courtsChange } from '../cases/caseCourts';
import { recordRun } from '../cases/runChanges';
import { runOnCase } from '../cases/runOnCase';
import { TaskNotOpenError } from '../engine';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { TaskCompleted } from '../documents';
import type { SubmissionsRepository } from './submissions.repository';
import { checkSubmission, formOf, prefillOf, type TaskFormDeps } from './taskForm';
import { haltedRefusal } from './holder';

export interface CompleteResult {
  /** The case as saved, without engine state and history. */
  case: CaseSummaryDoc;
  task: OpenTask;
}

export class TasksService {
  constructor(
    private readonly deps: CasesDeps,
    /** Fires a case's due timers first: a deadline that has passed wins over a late answer. */
    private readonly fireDueOf: (caseId: CaseDoc['_id']) => Promise<number> = async () => 0,
    /** Forms, attachments, submissions. Without it, data goes to the engine unchecked (engine-only tests). */
    private readonly forms?: TaskFormDeps & { submissions?: SubmissionsRepository; warn?: (err: unknown, msg: string) => void },
    /** After the committed completion: the documents the task or its events issue (server/documents). */
    private readonly afterComplete?: (e: TaskCompleted) => Promise<unknown>,
  ) {}

  /** The task's pinned form and the case data it shows read-only (GET /api/tasks/:id). */
  async formView(doc: CaseDoc, task: OpenTask) {
    const form = this.forms ? await formOf(this.forms, this.deps.definitions, doc, task) : null;
    if (!form || !this.forms) return { form: null, prefill: {} };
    return {
      form: { key: form.key, revision: form.revision, schema: form.schema },
      prefill: await prefillOf(this.forms, form, doc, task),
    };
  }

  /**
   * Every submitted form of a case, in the order the tasks were completed (the case record's
   * order, not the clock's: a manual clock gives many completions the same instant), each with
   * the form revision it was submitted on, so it reads exactly as its author saw it.
   */
  async caseDocuments(doc: CaseDoc) {
    const stored = this.forms?.submissions ? await this.forms.submissions.ofCase(doc._id) : [];
    const seqOf = new Map<string, number>();
    // The deadline each task had when it was answered: opened with it, moved by a recomputation.
    const taskOf = new Map<string, { dueAt?: string; openedAt?: Date }>();
    for (const h of doc.history) {
      const d = (h.data ?? {}) as { taskId?: unknown; dueAt?: string; to?: string };
      if (typeof d.taskId !== 'string') continue;
      if (h.type === 'taskCompleted') seqOf.set(d.taskId, h.seq);
      if (h.type === 'taskOpened') taskOf.set(d.taskId, { dueAt: d.dueAt, openedAt: h.at });
      if (h.type === 'taskDueChanged' && taskOf.has(d.taskId)) taskOf.get(d.taskId)!.dueAt = d.to;
    }
    const ordered = [...stored].sort((a, b) => (seqOf.get(a.taskId) ?? Infinity) - (seqOf.get(b.taskId) ?? Infinity) || +a.at - +b.at);
    const forms: Record<string, { key: string; revision: number; title?: string; schema: unknown }> = {};
    const documents = [];
    for (const s of ordered) {
      const id = `${s.form.key}@${s.form.revision}`;
      const f = this.forms ? await this.forms.forms.get(s.form.key, s.form.revision) : null;
      if (f) forms[id] ??= { key: f.key, revision: f.revision, title: f.title ?? (f.schema as { title?: string }).title, schema: f.schema };
      // Prefilled fields are not stored with the data (the case holds them): shown again here,
      // as they read when the document was written (that task's deadline).
      const task = taskOf.get(s.taskId) ?? {};
      const prefill = f && this.forms ? await prefillOf(this.forms, f, doc, { id: s.taskId, elementId: s.element ?? '', ...task, dueAt: task.dueAt ? new Date(task.dueAt) : undefined }) : {};
      documents.push({ taskId: s.taskId, element: s.element, form: s.form, data: { ...prefill, ...s.data }, by: s.by, at: s.at, seq: seqOf.get(s.taskId) });
    }
    return { documents, forms };
  }

  /** The cleaned submission (422 when the form refuses it), for a submission held for 加签. */
  async check(doc: CaseDoc, task: OpenTask, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!this.forms) return data;
    return (await checkSubmission(this.forms, this.deps.definitions, doc, task, data)).data;
  }

  /** 批量办理 is the form's choice: Form.io custom property `batch` = true. */
  async allowsBatch(doc: CaseDoc, task: OpenTask): Promise<boolean> {
    const form = this.forms ? await formOf(this.forms, this.deps.definitions, doc, task) : null;
    const batch = (form?.schema as { properties?: Record<string, unknown> } | undefined)?.properties?.batch;
    return batch === true || batch === 'true';
  }

  /** The open task and its case, or 404 / 409 (already completed). */
  async findOpen(taskId: string, visible?: (doc: CaseDoc) => Promise<boolean>): Promise<{ doc: CaseDoc; task: OpenTask }> {
    // A task no longer open is still found in the history: "already completed" (409), not "unknown" (404).
    const doc = await this.deps.cases.findByTask(taskId);
    if (!doc) throw notFound('待办任务不存在');
    // Outside the actor's jurisdiction even a completed task does not exist (probe F13: 409 had told).
    if (visible && !(await visible(doc))) throw notFound('待办任务不存在');
    const task = doc.openTasks.find((t) => t.id === taskId);
    if (!task) throw conflict('该任务已办结，不能再次提交');
    return { doc, task };
  }

  async complete(
    taskId: string,
    data: Record<string, unknown>,
    actor: Actor,
    authorize: (doc: CaseDoc, task: OpenTask) => Promise<void> | void = () => {},
    visible?: (doc: CaseDoc) => Promise<boolean>,
  ): Promise<CompleteResult> {
    let { doc, task } = await this.findOpen(taskId, visible);
    await authorize(doc, task);
    const halted = haltedRefusal(doc);
    if (halted) throw conflict(halted);
    if (doc.nextDueAt && doc.nextDueAt <= this.deps.clock.now() && (await this.fireDueOf(doc._id)) > 0) {
      ({ doc, task } = await this.findOpen(taskId)); // 409 when the deadline took the task away
    }
    // Before the form is judged: a case whose version is gone answers 409 (the version is then
    // cached for runOnCase below).
    if (!(await this.deps.definitions.get(doc.definition.key, doc.definition.version))) throw conflict('案件所用流程版本已不存在');
    // The engine sees only the cleaned data: unknown keys dropped, hidden fields cleared,
    // calculated values recomputed, prefilled case data never taken from the client.
    const checked = this.forms ? await checkSubmission(this.forms, this.deps.definitions, doc, task, data) : null;
    if (checked) data = checked.data;
    const now = this.deps.clock.now();
    let result = await runOnCase(this.deps, doc, { type: 'complete', taskId, data }, { now, actor: actor.username }).catch((err) => {
      if (err instanceof TaskNotOpenError) throw conflict('该任务已办结，不能再次提交');
      throw unprocessable(`流程无法继续：${(err as Error).message}`);
    });
    // Refused here (422) means nothing is written: a named 专人 who is not of that court and
    // role, or a supervised court outside the supervising court's jurisdiction.
    await checkNamedAssignees(this.deps.directory, result);
    const moved = await courtsChange(this.deps.directory, doc, result, actor.username);
    if (moved) result = { ...result, variables: moved.variables };
    const record = recordRun(doc, result, now, actor.username);
    checkPanels(doc.openTasks, record.changes.openTasks ?? []);
    if (moved) {
      record.changes.supervisedCourt = moved.supervisedCourt;
      record.changes.supervisedCourts = moved.supervisedCourts;
      let seq = record.history.at(-1)?.seq ?? doc.history.length;
      record.history.push(...moved.history.map((e) => ({ ...e, seq: ++seq, at: now, actor: actor.username })));
    }
    const after = await this.deps.cases.commitAndRead(doc._id, doc.version, record.changes, record.history);
    if (!after) throw conflict('案件已被他人更新，请刷新后重试');
    if (checked && this.forms?.submissions) {
      // The case is already committed; a failed write here is logged, not turned into a failed
      // completion (a retry would only meet 409): the submission can be rebuilt from the case.
      await this.forms.submissions
        .record({ caseId: doc._id, taskId, element: task.elementId, form: checked.form, data, by: actor.username, at: now })
        .catch((err) => this.forms?.warn?.(err, 'submission not recorded'));
    }
    if (this.afterComplete) {
      // Like the submission: the completion stands; a document that fails is recorded as failed.
      await this.afterComplete({ caseDoc: doc, task, form: checked?.form, data, history: record.history, actor, at: now })
        .catch((err) => this.forms?.warn?.(err, 'documents not issued'));
    }
    return { case: after, task };
  }
}
