// Cockpit-style case administration (README.md in this folder): the supervising court's
// 系统管理员 sees a case's variables by their Chinese labels, changes who holds a task, moves a
// waiting token to another step of the same stage, and closes (结案) or cancels (撤销) a case
// with a reason — each one guarded case write with its history entry.
import { beijingDate } from '../calendar';
import type { CaseDoc, HistoryEntry } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { recordRun } from '../cases/runChanges';
import { runOnCase } from '../cases/runOnCase';
import { moveTargets } from '../engine';
import { badRequest, conflict, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { TaskActionsService } from '../tasks/actions.service';

/** The names every case has (DESIGN.md shared case names), in the court's words. */
/** Variables that decide the case's courts and jurisdiction: never corrected by hand. */
const PROTECTED = new Set(['supervisingCourt', 'supervisedCourt', 'supervisedCourts']);

const SHARED_LABELS: Record<string, string> = {
  supervisingCourt: '督办法院', supervisedCourt: '被督办法院', supervisedCourts: '督办范围内的法院', enforcementCaseNo: '执行案号',
  source: '督办案件来源', parties: '当事人', title: '案件名称', caseStartedAt: '立案时刻', complaintReceivedAt: '收到信访材料之日',
  letterReceivedAt: '收到督办函之日', reportPeriod: '报告期限', filedAt: '立案之日', closingGround: '结案事由',
};

export interface CaseAdminDeps {
  cases: CasesDeps;
  actions: TaskActionsService;
  /** The data dictionary of the package a definition belongs to (name → Chinese label). */
  dictionary(definition: { key: string; version: number }): Promise<{ name: string; label: string }[]>;
}

export class CaseAdminService {
  constructor(private readonly deps: CaseAdminDeps) {}

  private async elementNames(doc: CaseDoc): Promise<Map<string, string>> {
    const def = await this.deps.cases.definitions.get(doc.definition.key, doc.definition.version);
    if (!def) return new Map();
    const names = new Map<string, string>();
    for (const m of def.xml.matchAll(/<bpmn:userTask\b[^>]*\bid="([^"]+)"[^>]*\bname="([^"]+)"/g)) names.set(m[1], m[2]);
    return names;
  }

  /** Variables labelled (dictionary, shared names, a task's form by the task's name), and what may be moved where. */
  async view(doc: CaseDoc) {
    const dictionary = new Map((await this.deps.dictionary(doc.definition)).map((d) => [d.name, d.label]));
    const tasks = await this.elementNames(doc);
    const variables = Object.entries(doc.variables ?? {}).map(([name, value]) => ({
      name,
      label: dictionary.get(name) ?? SHARED_LABELS[name] ?? (tasks.has(name) ? `「${tasks.get(name)}」表单` : name),
      value,
      // Dictionary names inside a task's form (reviewComplaint.instructionReceivedAt).
      fields: value && typeof value === 'object' && !Array.isArray(value)
        ? Object.keys(value).filter((k) => dictionary.has(`${name}.${k}`)).map((k) => ({ name: k, label: dictionary.get(`${name}.${k}`)! }))
        : undefined,
    }));
    const def = await this.deps.cases.definitions.get(doc.definition.key, doc.definition.version);
    const openTasks = await Promise.all(doc.openTasks.map(async (t) => ({
      ...t, draft: undefined, pendingSubmission: undefined,
      moveTargets: def && doc.status === 'running' ? await moveTargets(def.xml, t.elementId) : [],
      colleagues: await this.deps.actions.colleaguesOf(t),
    })));
    return { variables, openTasks, status: doc.status, suspension: doc.suspension ?? null, suspensions: doc.suspensions ?? [], failure: doc.failure ?? null };
  }

  private async load(caseId: string): Promise<CaseDoc> {
    const doc = /^[0-9a-f]{24}$/i.test(caseId) ? await this.deps.cases.cases.findById(caseId) : null;
    if (!doc) throw notFound('案件不存在');
    return doc;
  }

  /** A case that is not over; `suspendedToo`: a suspended (or failed) case is acceptable. */
  private async running(caseId: string, suspendedToo = false): Promise<CaseDoc> {
    const doc = await this.load(caseId);
    if (doc.status === 'completed') throw conflict('案件已结束');
    if (!suspendedToo && doc.status === 'suspended') throw conflict('案件已挂起，请先恢复');
    if (!suspendedToo && doc.status === 'failed') throw conflict('案件运行异常，请先重试失败的步骤');
    return doc;
  }

  private entry(doc: CaseDoc, actor: Actor, type: string, data: Record<string, unknown>): HistoryEntry {
    return { seq: doc.history.length + 1, at: this.deps.cases.clock.now(), actor: actor.username, type, data };
  }

  /**
   * 挂起: the timers stop (the scheduler claims running cases only), the tasks leave the inboxes
   * and the overdue lists, and no task may be worked until 恢复.
   */
  async suspend(caseId: string, reason: string, actor: Actor) {
    const doc = await this.load(caseId);
    if (doc.status === 'suspended') throw conflict('案件已经挂起');
    if (doc.status !== 'running') throw conflict(doc.status === 'failed' ? '案件运行异常，请先重试失败的步骤' : '案件已结束，不能挂起');
    const at = this.deps.cases.clock.now();
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, {
      status: 'suspended', suspension: { at, by: actor.username, reason }, nextDueAt: null,
    }, [this.entry(doc, actor, 'caseSuspended', { reason })]);
    if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version, suspension: saved.suspension } };
  }

  /**
   * 恢复: the suspension becomes an excluded period of the case (中止之日 → 恢复之日, Beijing dates,
   * CALENDAR.md R9): every deadline armed before it is extended by its calendar days, then rolled
   * past rest days as usual. Timers that came due meanwhile fire at the next pass if still due.
   */
  async resume(caseId: string, reason: string, actor: Actor) {
    const doc = await this.load(caseId);
    if (doc.status !== 'suspended' || !doc.suspension) throw conflict('案件未挂起，无需恢复');
    const now = this.deps.cases.clock.now();
    const period = { from: beijingDate(new Date(doc.suspension.at)), to: beijingDate(now), reason: '挂起' };
    const suspensions = [...(doc.suspensions ?? []), period];
    const result = await runOnCase(this.deps.cases, { ...doc, suspensions }, { type: 'recompute' }, { now, actor: actor.username })
      .catch((err) => { throw unprocessable(`恢复时重算期限失败：${(err as Error).message}`); });
    const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000);
    const record = recordRun(doc, result, now, actor.username, [
      { type: 'caseResumed', data: { reason, suspendedAt: doc.suspension.at, suspendedBy: doc.suspension.by, suspendedReason: doc.suspension.reason, from: period.from, to: period.to, days } },
    ]);
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, { ...record.changes, suspension: null, suspensions }, record.history);
    if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version }, excluded: { ...period, days }, tasks: saved.openTasks };
  }

  /**
   * 重试: the engine run that failed (a timer's firing) runs again at its own instant, after the
   * administrator's corrections of case variables if any. Failing again keeps the case failed and
   * records the attempt; succeeding puts it back to running.
   */
  async retry(caseId: string, reason: string, variables: unknown, actor: Actor) {
    const doc = await this.load(caseId);
    if (doc.status !== 'failed' || !doc.failure) throw conflict('案件没有失败的步骤，无需重试');
    if (variables !== undefined && (!variables || typeof variables !== 'object' || Array.isArray(variables))) {
      throw badRequest('variables 须为对象（变量名 → 新值）', [{ field: 'variables', message: '格式不正确' }]);
    }
    const corrections = (variables ?? {}) as Record<string, unknown>;
    const fixed = Object.keys(corrections).filter((k) => PROTECTED.has(k));
    if (fixed.length) throw unprocessable(`${fixed.map((k) => SHARED_LABELS[k] ?? k).join('、')}决定案件的法院与辖区，不能在重试时修改`);
    const changed = Object.keys(corrections).map((name) => ({ name, from: doc.variables?.[name] ?? null, to: corrections[name] }));
    const failure = doc.failure;
    const timer = doc.timers.find((t) => t.id === failure.command.timerId);
    if (!timer) throw conflict('失败时等待触发的定时器已不在本案中，无法重试');
    const now = this.deps.cases.clock.now();
    const retried = { ...doc, variables: { ...doc.variables, ...corrections } };
    let result;
    try {
      result = await runOnCase(this.deps.cases, retried, { type: 'fireTimer', timerId: timer.id }, { now: timer.dueAt, actor: 'system' });
    } catch (err) {
      const message = (err as Error).message;
      const saved = await this.deps.cases.cases.commit(doc._id, doc.version, { failure: { ...failure, at: now, message } },
        [this.entry(doc, actor, 'retryFailed', { reason, message, variables: changed })]);
      if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
      throw unprocessable(`重试仍然失败：${message}`);
    }
    const record = recordRun(retried, result, timer.dueAt, 'system', [
      { type: 'stepRetried', element: failure.element, data: { reason, failed: failure.message, variables: changed } },
    ]);
    for (const h of record.history) if (h.type === 'stepRetried') h.actor = actor.username;
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, { ...record.changes, failure: null }, record.history);
    if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version }, tasks: saved.openTasks };
  }

  private taskOf(doc: CaseDoc, taskId: unknown) {
    if (typeof taskId !== 'string' || !taskId) throw badRequest('请指定任务', [{ field: 'taskId', message: '必填' }]);
    const task = doc.openTasks.find((t) => t.id === taskId);
    if (!task) throw conflict('该任务已办结或已不在本案的待办中，请刷新');
    return task;
  }

  /** 变更办理人: the task goes to another person of its court and role (as 转办 checks). */
  async changeAssignee(caseId: string, taskId: unknown, to: unknown, reason: string, actor: Actor) {
    const doc = await this.running(caseId, true);
    const task = this.taskOf(doc, taskId);
    const target = await this.deps.actions.colleague(task, to, actor, '变更');
    const assignment = task.assignment?.user ? { ...task.assignment, user: target.username } : task.assignment;
    return this.deps.actions.writeTask(doc, task, { ...task, assignment, claimedBy: target.username, delegation: undefined }, actor, 'assigneeChanged', { from: task.claimedBy ?? task.assignment?.user ?? null, to: target.username, reason });
  }

  /** 移动令牌: the waiting task's token to another user task of the same stage. */
  async move(caseId: string, taskId: unknown, to: unknown, reason: string, actor: Actor) {
    const doc = await this.running(caseId);
    const task = this.taskOf(doc, taskId);
    if (typeof to !== 'string' || !to) throw badRequest('请选择目标步骤', [{ field: 'to', message: '必填' }]);
    const def = await this.deps.cases.definitions.get(doc.definition.key, doc.definition.version);
    const targets = def ? await moveTargets(def.xml, task.elementId) : [];
    const target = targets.find((t) => t.id === to);
    if (!target) throw unprocessable(`步骤 ${to} 不是与「${task.name ?? task.elementId}」同一阶段、且不在其后的用户任务，不能移入（向后的步骤请按流程办理）`);
    return this.deps.actions.move(doc, task, to, actor, 'tokenMoved', { to, toName: target.name, reason });
  }

  /** 结案 / 撤销 by the administrator: nothing runs on the case any more; the record stays. */
  async close(caseId: string, kind: unknown, reason: string, actor: Actor) {
    if (kind !== '结案' && kind !== '撤销') throw badRequest('kind 只能是 结案 或 撤销', [{ field: 'kind', message: '格式不正确' }]);
    const doc = await this.running(caseId, true);
    const now = this.deps.cases.clock.now();
    const history = [
      ...doc.openTasks.map((t, i) => ({ seq: doc.history.length + 2 + i, at: now, actor: actor.username, type: 'taskCancelled', element: t.elementId, data: { taskId: t.id } })),
      ...doc.timers.map((t, i) => ({ seq: doc.history.length + 2 + doc.openTasks.length + i, at: now, actor: actor.username, type: 'timerCancelled', element: t.elementId, data: { timerId: t.id } })),
    ];
    const entry = { seq: doc.history.length + 1, at: now, actor: actor.username, type: 'caseClosedByAdmin', data: { kind, reason } };
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, {
      status: 'completed', closedAt: now, engineState: null, openTasks: [], timers: [], nextDueAt: null, suspension: null, failure: null,
    }, [entry, ...history]);
    if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version } };
  }
}
