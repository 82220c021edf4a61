// Task actions beyond 提交 (README.md in this folder): 认领 / 释放, 转办, 委派 and its return, 加签 and
// the signature, 暂存, 退回 to an earlier step, 撤回 of one's own submission, 批量办理. Each is
// one guarded single-document update of the case (its open task and a history entry saying who
// and why), so two people acting on one task at once give exactly one winner; the other meets 409.
import type { CaseDoc, HistoryEntry, OpenTask } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { checkNamedAssignees } from '../cases/caseCourts';
import type { People } from '../cases/people';
import { recordRun } from '../cases/runChanges';
import { runOnCase } from '../cases/runOnCase';
import { returnTargets, type ReturnTarget } from '../engine';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import { haltedRefusal, holderOf, refusalToSubmit, refusalToWork, unsignedOf } from './holder';
import type { TasksService } from './tasks.service';

export interface Colleague { username: string; name: string; court: string; roles: string[]; disabled?: boolean }

export interface TaskActionsDeps {
  cases: CasesDeps;
  tasks: TasksService;
  people: People;
  /** Accounts of one court (whom a task may go to). */
  usersOfCourt(court: string): Promise<Colleague[]>;
  /** Official documents (文书) issued by these completed tasks of the case (server/documents). */
  documentsIssuedBy(caseId: CaseDoc['_id'], taskIds: string[], fromSeq: number): Promise<{ name: string; number?: string }[]>;
  /** The actor is of the task's court + role (or its 专人), as the guards decide. */
  matches(actor: Actor, task: OpenTask): boolean;
  canSeeCase(actor: Actor, doc: CaseDoc): Promise<boolean>;
}

const MAX_DRAFT_BYTES = 256 * 1024;
const MAX_REASON = 500;

/** The reason an action records (why): required where the issue asks who and why. */
export function reasonOf(body: unknown, required: boolean): string {
  const r = (body as { reason?: unknown } | undefined)?.reason;
  if (r === undefined || r === null || r === '') {
    if (required) throw badRequest('请填写理由', [{ field: 'reason', message: '必填' }]);
    return '';
  }
  if (typeof r !== 'string' || r.trim().length > MAX_REASON) throw badRequest(`理由应为不超过 ${MAX_REASON} 字的文字`, [{ field: 'reason', message: '格式不正确' }]);
  return r.trim();
}

export class TaskActionsService {
  constructor(private readonly deps: TaskActionsDeps) {}

  private now() {
    return this.deps.cases.clock.now();
  }

  private async names(usernames: string[]) {
    const people = await this.deps.people(usernames);
    return (u: string) => people[u]?.label ?? u;
  }

  /** The open task, or 404 (not visible / unknown) / 409 (no longer open). */
  async load(taskId: string, actor: Actor): Promise<{ doc: CaseDoc; task: OpenTask }> {
    const doc = await this.deps.cases.cases.findByTask(taskId);
    if (!doc || !(await this.deps.canSeeCase(actor, doc))) throw notFound('待办任务不存在');
    const task = doc.openTasks.find((t) => t.id === taskId);
    if (!task) throw conflict('该任务已办结或已被退回，请刷新');
    const halted = haltedRefusal(doc);
    if (halted) throw conflict(halted);
    return { doc, task };
  }

  private async assertMayWork(doc: CaseDoc, task: OpenTask, actor: Actor) {
    const refusal = refusalToWork(task, actor, this.deps.matches(actor, task), await this.names(peopleOf(task)));
    if (refusal) throw forbidden(refusal);
  }

  /** One guarded write of the task and one history entry; 409 when someone acted first. */
  async writeTask(doc: CaseDoc, task: OpenTask, next: OpenTask, actor: Actor, type: string, data: Record<string, unknown>) {
    const entry: HistoryEntry = { seq: doc.history.length + 1, at: this.now(), actor: actor.username, type, element: task.elementId, data: { taskId: task.id, ...data } };
    const openTasks = doc.openTasks.map((t) => (t.id === task.id ? stripUndefined(next) : t));
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, { openTasks }, [entry]);
    if (!saved) throw conflict('该任务刚被他人处理，请刷新后重试');
    return saved.openTasks.find((t) => t.id === task.id)!;
  }

  /** A colleague the task may go to: same court and role as the task, active, not 回避, not oneself. */
  async colleague(task: OpenTask, username: unknown, actor: Actor, what: string): Promise<Colleague> {
    if (typeof username !== 'string' || !username) throw badRequest(`请选择${what}的人员`, [{ field: 'to', message: '必填' }]);
    if (username === actor.username) throw unprocessable(`不能${what}给自己`);
    const court = task.assignment?.court;
    const role = task.assignment?.role;
    const found = court ? (await this.deps.usersOfCourt(court)).find((u) => u.username === username) : undefined;
    const names = await this.names([username]);
    if (!found) throw unprocessable(`${names(username)}不是本任务所属法院的人员，只能${what}给同一法院、同一角色的人员`);
    if (found.disabled) throw unprocessable(`${names(username)}的账号已停用`);
    if (role && !found.roles.includes(role)) throw unprocessable(`${names(username)}不具有“${role}”角色，只能${what}给同一角色的人员`);
    if (task.assignment?.excludedUsers?.includes(username)) throw unprocessable(`${names(username)}依规定应当回避，不能办理此任务`);
    return found;
  }

  /** Active people of the task's court and role (whom it may go to), 回避 left out. */
  async colleaguesOf(task: OpenTask): Promise<{ username: string; name: string }[]> {
    const { court, role } = task.assignment ?? {};
    if (!court || !role) return [];
    return (await this.deps.usersOfCourt(court))
      .filter((u) => !u.disabled && u.roles.includes(role) && !task.assignment?.excludedUsers?.includes(u.username))
      .map((u) => ({ username: u.username, name: u.name }));
  }

  /** What the actor may do with the task now (the task page's buttons). */
  async view(doc: CaseDoc, task: OpenTask, actor: Actor) {
    const matches = this.deps.matches(actor, task);
    const mayWork = refusalToWork(task, actor, matches) === null;
    const holder = holderOf(task);
    const colleagues = task.assignment?.court && task.assignment.role && mayWork
      ? (await this.deps.usersOfCourt(task.assignment.court))
        .filter((u) => !u.disabled && u.roles.includes(task.assignment!.role!) && u.username !== actor.username && !task.assignment?.excludedUsers?.includes(u.username))
        .map((u) => ({ username: u.username, name: u.name }))
      : [];
    const cosignCandidates = task.assignment?.court && mayWork
      ? (await this.deps.usersOfCourt(task.assignment.court))
        .filter((u) => !u.disabled && u.username !== actor.username && !(task.cosigners ?? []).some((c) => c.user === u.username))
        .map((u) => ({ username: u.username, name: u.name, roles: u.roles }))
      : [];
    const mine = task.draft && (task.draft.by === actor.username || mayWork) ? task.draft : undefined;
    return {
      holder,
      claimedBy: task.claimedBy ?? null,
      delegation: task.delegation ?? null,
      cosigners: task.cosigners ?? [],
      awaitingCosign: !!task.pendingSubmission,
      draft: mine ?? null,
      may: {
        claim: matches && !task.claimedBy && !task.delegation && !task.assignment?.user,
        release: task.claimedBy === actor.username && !task.delegation,
        transfer: mayWork && !task.delegation,
        delegate: mayWork && !task.delegation,
        returnDelegation: task.delegation?.to === actor.username,
        addCosigner: mayWork && !task.delegation && !task.pendingSubmission,
        cosign: unsignedOf(task).some((c) => c.user === actor.username),
        save: mayWork,
        submit: refusalToSubmit(task, actor, matches) === null,
        returnTo: mayWork && !task.delegation && !task.pendingSubmission,
      },
      colleagues,
      cosignCandidates,
      returnTargets: mayWork ? await this.returnTargetsOf(doc, task) : [],
    };
  }

  async claim(taskId: string, actor: Actor) {
    const { doc, task } = await this.load(taskId, actor);
    if (task.claimedBy === actor.username) return task;
    const names = await this.names(peopleOf(task));
    // Not of the task's court and role: 403 whether or not someone holds it (no probing).
    if (!this.deps.matches(actor, task)) throw forbidden('该任务未分派给您或您的部门，不能认领');
    if (task.claimedBy || task.delegation) throw conflict(`该任务已由${names(holderOf(task)!)}认领办理`);
    if (task.assignment?.user) throw conflict(`该任务已指定由${names(task.assignment.user)}办理，无需认领`);
    return this.writeTask(doc, task, { ...task, claimedBy: actor.username }, actor, 'taskClaimed', {});
  }

  async release(taskId: string, actor: Actor, reason: string) {
    const { doc, task } = await this.load(taskId, actor);
    if (task.claimedBy !== actor.username) throw forbidden('只有认领人可以释放该任务');
    if (task.delegation) throw conflict('任务已委派，请待委派交回后再释放');
    return this.writeTask(doc, task, { ...task, claimedBy: undefined }, actor, 'taskReleased', { reason });
  }

  async transfer(taskId: string, actor: Actor, to: unknown, reason: string) {
    const { doc, task } = await this.load(taskId, actor);
    await this.assertMayWork(doc, task, actor);
    if (task.delegation) throw conflict('任务已委派，请待委派交回后再转办');
    const target = await this.colleague(task, to, actor, '转办');
    // A named 专人's task follows the person; a role's task stays in the role, held by the new person.
    const assignment = task.assignment?.user ? { ...task.assignment, user: target.username } : task.assignment;
    return this.writeTask(doc, task, { ...task, assignment, claimedBy: target.username }, actor, 'taskTransferred', { from: actor.username, to: target.username, reason });
  }

  async delegate(taskId: string, actor: Actor, to: unknown, reason: string) {
    const { doc, task } = await this.load(taskId, actor);
    await this.assertMayWork(doc, task, actor);
    if (task.delegation) throw conflict('任务已委派');
    const target = await this.colleague(task, to, actor, '委派');
    const delegation = { from: actor.username, to: target.username, at: this.now(), reason };
    // The delegator holds the task: it comes back to them, not to the whole role.
    return this.writeTask(doc, task, { ...task, claimedBy: task.assignment?.user ? undefined : actor.username, delegation }, actor, 'taskDelegated', { from: actor.username, to: target.username, reason });
  }

  async returnDelegation(taskId: string, actor: Actor, reason: string) {
    const { doc, task } = await this.load(taskId, actor);
    if (task.delegation?.to !== actor.username) throw forbidden('只有受委派人可以交回任务');
    return this.writeTask(doc, task, { ...task, delegation: undefined }, actor, 'delegationReturned', { to: task.delegation.from, reason });
  }

  async addCosigner(taskId: string, actor: Actor, user: unknown, reason: string) {
    const { doc, task } = await this.load(taskId, actor);
    await this.assertMayWork(doc, task, actor);
    if (task.delegation) throw conflict('任务已委派，请待委派交回后再加签');
    if (task.pendingSubmission) throw conflict('任务已提交，正在等待加签，不能再加签');
    if (typeof user !== 'string' || !user) throw badRequest('请选择加签人', [{ field: 'user', message: '必填' }]);
    if (user === actor.username) throw unprocessable('不能给自己加签');
    const names = await this.names([user]);
    const found = task.assignment?.court ? (await this.deps.usersOfCourt(task.assignment.court)).find((u) => u.username === user) : undefined;
    if (!found) throw unprocessable(`${names(user)}不是本任务所属法院的人员，只能请本院人员加签`);
    if (found.disabled) throw unprocessable(`${names(user)}的账号已停用`);
    if ((task.cosigners ?? []).some((c) => c.user === user)) throw conflict(`${names(user)}已是加签人`);
    const cosigners = [...(task.cosigners ?? []), { user, by: actor.username, at: this.now(), reason }];
    return this.writeTask(doc, task, { ...task, cosigners }, actor, 'cosignerAdded', { user, reason });
  }

  /**
   * 会签 by a cosigner. The last signature releases a submission that was waiting for it: the
   * task then completes as its submitter sent it (the same checks as 提交).
   */
  async cosign(taskId: string, actor: Actor, opinion: string) {
    const { doc, task } = await this.load(taskId, actor);
    const mine = (task.cosigners ?? []).find((c) => c.user === actor.username);
    if (!mine) throw forbidden('您不是本任务的加签人');
    if (mine.signedAt) throw conflict('您已签署');
    const cosigners = (task.cosigners ?? []).map((c) => (c.user === actor.username ? { ...c, signedAt: this.now(), opinion } : c));
    const signed = await this.writeTask(doc, task, { ...task, cosigners }, actor, 'cosigned', { opinion });
    if (unsignedOf(signed).length || !signed.pendingSubmission) return { task: signed, completed: false };
    const submitter = await this.deps.cases.directory?.user(signed.pendingSubmission.by);
    if (!submitter) throw conflict('提交人账号已不存在，请由本任务的其他人员重新提交');
    const by: Actor = { username: submitter.username, court: submitter.court, roles: submitter.roles };
    const done = await this.deps.tasks.complete(taskId, signed.pendingSubmission.data, by);
    return { task: signed, completed: true, case: done.case };
  }

  /** 提交 while signatures are outstanding: checked now, held until the last signature. */
  async submitPending(doc: CaseDoc, task: OpenTask, data: Record<string, unknown>, actor: Actor) {
    const cleaned = await this.deps.tasks.check(doc, task, data);
    const pendingSubmission = { data: cleaned, by: actor.username, at: this.now() };
    return this.writeTask(doc, task, { ...task, pendingSubmission, draft: undefined }, actor, 'submittedAwaitingCosign', { waitingFor: unsignedOf(task).map((c) => c.user) });
  }

  async save(taskId: string, actor: Actor, data: unknown) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest('表单数据必须是对象', [{ field: 'data', message: '格式不正确' }]);
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_DRAFT_BYTES) throw badRequest(`暂存内容超过 ${MAX_DRAFT_BYTES / 1024} KB`);
    const { doc, task } = await this.load(taskId, actor);
    await this.assertMayWork(doc, task, actor);
    if (task.pendingSubmission) throw conflict('任务已提交，正在等待加签');
    const draft = { data: data as Record<string, unknown>, by: actor.username, at: this.now() };
    // Saving takes the task: a colleague does not start the same form meanwhile.
    const claimedBy = task.claimedBy ?? (task.assignment?.user || task.delegation ? undefined : actor.username);
    return this.writeTask(doc, task, { ...task, draft, claimedBy }, actor, 'taskSaved', {});
  }

  /** Earlier steps of this case the task may go back to, with why one is refused (documents). */
  private async returnTargetsOf(doc: CaseDoc, task: OpenTask): Promise<(ReturnTarget & { refusal?: string })[]> {
    const definition = await this.deps.cases.definitions.get(doc.definition.key, doc.definition.version);
    if (!definition) return [];
    const done = new Set(doc.history.filter((h) => h.type === 'taskCompleted').map((h) => h.element));
    const targets = (await returnTargets(definition.xml, task.elementId)).filter((t) => done.has(t.id));
    return Promise.all(targets.map(async (t) => {
      const refusal = await this.documentRefusal(doc, t.id);
      return refusal ? { ...t, refusal } : t;
    }));
  }

  /** A document went out from the step or any step after it: 退回 past it is refused. */
  private async documentRefusal(doc: CaseDoc, element: string): Promise<string | undefined> {
    const completions = doc.history.filter((h) => h.type === 'taskCompleted');
    const from = completions.map((h) => h.element).lastIndexOf(element);
    if (from < 0) return undefined;
    const taskIds = completions.slice(from).map((h) => (h.data as { taskId?: string } | undefined)?.taskId).filter((id): id is string => !!id);
    const issued = await this.deps.documentsIssuedBy(doc._id, taskIds, completions[from].seq);
    if (!issued.length) return undefined;
    return `${issued.map((d) => `${d.name}${d.number ? `（${d.number}）` : ''}`).join('、')}已经发出，不能退回到发出文书之前的步骤`;
  }

  /** 退回: the task goes back to an earlier step; its deadline and timers start afresh. */
  async returnTo(taskId: string, actor: Actor, to: unknown, reason: string) {
    if (typeof to !== 'string' || !to) throw badRequest('请选择退回到的步骤', [{ field: 'to', message: '必填' }]);
    const { doc, task } = await this.load(taskId, actor);
    await this.assertMayWork(doc, task, actor);
    if (task.delegation) throw conflict('任务已委派，请待委派交回后再退回');
    if (task.pendingSubmission) throw conflict('任务已提交，正在等待加签，不能退回');
    if (doc.openTasks.length > 1) throw conflict('本案另有并行办理的步骤，不能退回，请按流程提交');
    const targets = await this.returnTargetsOf(doc, task);
    const target = targets.find((t) => t.id === to);
    if (!target) throw unprocessable('流程图不允许从本步骤退回到该步骤（只能退回本阶段此前办理过的步骤）');
    if (target.refusal) throw unprocessable(target.refusal);
    return this.move(doc, task, to, actor, 'taskReturned', { to, toName: target.name, reason });
  }

  /**
   * 撤回: the one who submitted a step takes it back while the step it led to is untouched
   * (nobody claimed, saved, delegated or asked for signatures) and nothing else happened since.
   */
  async withdraw(completedTaskId: string, actor: Actor, reason: string) {
    const doc = await this.deps.cases.cases.findByTask(completedTaskId);
    if (!doc || !(await this.deps.canSeeCase(actor, doc))) throw notFound('任务不存在');
    const completions = doc.history.filter((h) => h.type === 'taskCompleted');
    const mine = completions.find((h) => (h.data as { taskId?: string } | undefined)?.taskId === completedTaskId);
    if (!mine) throw conflict('该任务尚未提交，无需撤回');
    if (mine.actor !== actor.username) throw forbidden('只有提交人可以撤回');
    if (completions.at(-1) !== mine) throw conflict('此后流程已有其他步骤办结，不能撤回');
    const halted = haltedRefusal(doc);
    if (halted) throw conflict(halted.replace('办理', '撤回'));
    if (doc.openTasks.length !== 1) throw conflict('提交后流程有多个或没有待办步骤，不能撤回');
    const next = doc.openTasks[0];
    const touched = next.claimedBy || next.draft || next.delegation || next.cosigners?.length
      || doc.history.some((h) => h.seq > mine.seq && (h.data as { taskId?: string } | undefined)?.taskId === next.id && h.type !== 'taskOpened');
    if (touched) throw conflict('下一步骤已经开始办理，不能撤回');
    const definition = await this.deps.cases.definitions.get(doc.definition.key, doc.definition.version);
    const allowed = definition ? (await returnTargets(definition.xml, next.elementId)).some((t) => t.id === mine.element) : false;
    if (!allowed) throw unprocessable('流程已进入下一阶段，不能撤回');
    const refusal = await this.documentRefusal(doc, mine.element!);
    if (refusal) throw unprocessable(refusal.replace('不能退回到发出文书之前的步骤', '不能撤回'));
    return this.move(doc, next, mine.element!, actor, 'taskWithdrawn', { withdrawn: completedTaskId, reason }, actor.username);
  }

  /** The engine moves the token (moveToken) and the case records it, in one guarded write. */
  async move(doc: CaseDoc, task: OpenTask, to: string, actor: Actor, type: string, data: Record<string, unknown>, claimFor?: string) {
    const now = this.now();
    const result = await runOnCase(this.deps.cases, doc, { type: 'moveToken', taskId: task.id, to }, { now, actor: actor.username }).catch((err) => {
      throw unprocessable(`流程无法退回：${(err as Error).message}`);
    });
    await checkNamedAssignees(this.deps.cases.directory, result);
    const record = recordRun(doc, result, now, actor.username, [{ type, element: task.elementId, data: { taskId: task.id, ...data } }]);
    if (claimFor && record.changes.openTasks) {
      record.changes.openTasks = record.changes.openTasks.map((t) => (t.elementId === to && !t.assignment?.user ? { ...t, claimedBy: claimFor } : t));
    }
    const saved = await this.deps.cases.cases.commitAndRead(doc._id, doc.version, record.changes, record.history);
    if (!saved) throw conflict('该任务刚被他人处理，请刷新后重试');
    return { case: { id: String(saved._id), status: saved.status, version: saved.version }, tasks: saved.openTasks };
  }

  /**
   * 批量办理: the same decision on several tasks whose form allows it (`properties.batch` of the
   * Form.io schema). Each task is its own case and its own write: the answer lists each outcome.
   */
  async batch(taskIds: unknown, data: unknown, actor: Actor, submit: (taskId: string, data: Record<string, unknown>) => Promise<unknown>) {
    if (!Array.isArray(taskIds) || !taskIds.length || taskIds.length > 100 || !taskIds.every((t) => typeof t === 'string')) {
      throw badRequest('请选择 1 至 100 个任务', [{ field: 'taskIds', message: '格式不正确' }]);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest('表单数据必须是对象', [{ field: 'data', message: '格式不正确' }]);
    const loaded = await Promise.all((taskIds as string[]).map(async (id) => ({ id, ...(await this.load(id, actor)) })));
    const keys = new Set(loaded.map((l) => l.task.formKey));
    if (keys.size !== 1) throw unprocessable('批量办理的任务须使用同一表单');
    for (const l of loaded) {
      if (!(await this.deps.tasks.allowsBatch(l.doc, l.task))) throw unprocessable(`任务「${l.task.name ?? l.task.elementId}」的表单不允许批量办理`);
    }
    const results = [];
    for (const l of loaded) {
      try {
        await submit(l.id, data as Record<string, unknown>);
        results.push({ taskId: l.id, caseNo: l.doc.caseNo, ok: true });
      } catch (err) {
        results.push({ taskId: l.id, caseNo: l.doc.caseNo, ok: false, message: (err as Error).message });
      }
    }
    return { results, done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  }
}

function peopleOf(t: OpenTask): string[] {
  return [t.claimedBy, t.delegation?.to, t.delegation?.from, t.assignment?.user, ...(t.cosigners ?? []).map((c) => c.user)].filter((u): u is string => !!u);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

