// Cockpit-style case administration (README.md in this folder): the supervising court's
// 系统管理员 sees a case's variables by their Chinese labels, changes who holds a task, moves a
// waiting token to another step of the same stage, and closes (结案) or cancels (撤销) a case
// with a reason — each one guarded case write with its history entry.
import type { CaseDoc } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { moveTargets } from '../engine';
import { badRequest, conflict, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { TaskActionsService } from '../tasks/actions.service';

/** The names every case has (DESIGN.md shared case names), in the court's words. */
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
    return { variables, openTasks };
  }

  private async running(caseId: string): Promise<CaseDoc> {
    const doc = /^[0-9a-f]{24}$/i.test(caseId) ? await this.deps.cases.cases.findById(caseId) : null;
    if (!doc) throw notFound('案件不存在');
    if (doc.status !== 'running') throw conflict('案件已结束');
    return doc;
  }

  private taskOf(doc: CaseDoc, taskId: unknown) {
    if (typeof taskId !== 'string' || !taskId) throw badRequest('请指定任务', [{ field: 'taskId', message: '必填' }]);
    const task = doc.openTasks.find((t) => t.id === taskId);
    if (!task) throw conflict('该任务已办结或已不在本案的待办中，请刷新');
    return task;
  }

  /** 变更办理人: the task goes to another person of its court and role (as 转办 checks). */
  async changeAssignee(caseId: string, taskId: unknown, to: unknown, reason: string, actor: Actor) {
    const doc = await this.running(caseId);
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
    const doc = await this.running(caseId);
    const now = this.deps.cases.clock.now();
    const history = [
      ...doc.openTasks.map((t, i) => ({ seq: doc.history.length + 2 + i, at: now, actor: actor.username, type: 'taskCancelled', element: t.elementId, data: { taskId: t.id } })),
      ...doc.timers.map((t, i) => ({ seq: doc.history.length + 2 + doc.openTasks.length + i, at: now, actor: actor.username, type: 'timerCancelled', element: t.elementId, data: { timerId: t.id } })),
    ];
    const entry = { seq: doc.history.length + 1, at: now, actor: actor.username, type: 'caseClosedByAdmin', data: { kind, reason } };
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, {
      status: 'completed', closedAt: now, engineState: null, openTasks: [], timers: [], nextDueAt: null,
    }, [entry, ...history]);
    if (!saved) throw conflict('案件刚被他人更新，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version } };
  }
}
