import { Router } from 'express';
import { haltedRefusal } from './holder';
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { CasesRepository } from '../cases/cases.repository';
import { badRequest, forbidden, notFound } from '../http/errors';
import type { Actor, Guards } from '../http/actor';
import { accountsOf, type People } from '../cases/people';
import { worklistQuery, type WorklistsRepository } from '../worklists';
import type { TasksService } from './tasks.service';
import type { TaskActionsService } from './actions.service';
import { taskActionsRoutes } from './actions.routes';
import { refusalToSubmit, unsignedOf } from './holder';
import './tasks.openapi';

export function tasksRoutes(service: TasksService, cases: CasesRepository, worklists: WorklistsRepository, guards: Guards, now: () => Date, people: People = async () => ({}), actions?: TaskActionsService): Router {
  const r = Router();

  /**
   * 提交 as `actor`: 404 outside the jurisdiction, 403 when the task is another's (role, 回避,
   * 认领, 委派); with signatures outstanding (加签) the checked submission waits for them (202).
   */
  const submit = async (taskId: string, data: Record<string, unknown>, actor: Actor) => {
    let pending: unknown = null;
    const result = await service.complete(taskId, data, actor, async (doc, task) => {
      // Outside the user's jurisdiction the task does not exist (404); inside it, a task
      // assigned to another court or role is forbidden (403).
      if (!(await guards.canSeeCase(actor, doc))) throw notFound('待办任务不存在');
      if (task.assignment?.excludedUsers?.includes(actor.username)) {
        throw forbidden('您此前已办理本案的审查或决定，依规定应当回避（另行组成合议庭），不能办理此任务');
      }
      const who = await people([task.claimedBy, task.delegation?.to, task.delegation?.from, ...(task.cosigners ?? []).map((c) => c.user)].filter((u): u is string => !!u));
      const refusal = refusalToSubmit(task, actor, guards.matchesAssignment(actor, task.assignment), (u) => who[u]?.label ?? u);
      if (refusal) throw forbidden(refusal);
      if (actions && unsignedOf(task).length) {
        pending = await actions.submitPending(doc, task, data, actor);
        throw new PendingCosign();
      }
    }, (doc) => guards.canSeeCase(actor, doc)).catch((err) => {
      if (err instanceof PendingCosign) return null;
      throw err;
    });
    return result ? { status: 200, body: { case: { id: String(result.case._id), status: result.case.status, version: result.case.version }, tasks: result.case.openTasks } } : { status: 202, body: { task: pending, awaitingCosign: true } };
  };
  if (actions) r.use(taskActionsRoutes(actions, guards, async (taskId, data, actor) => submit(taskId, data, actor)));

  // 待办 (most urgent first) / 已办 (latest first), one page at a time (server/worklists).
  r.get('/tasks', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const status = req.query.status ?? 'open';
    if (status !== 'open' && status !== 'done') throw badRequest('status 只能是 open 或 done');
    const q = worklistQuery(req.query, actor, status, now());
    if (status === 'done') {
      const { items, total } = await worklists.finishedPage(q.filter, q.sort, q.skip, q.limit);
      const done = items.map((r) => ({
        taskId: r.taskId, element: r.element, by: r.by, completedAt: r.completedAt, dueAt: r.dueAt, late: r.late, case: caseRefOf(r),
      }));
      res.json({ items: done, total, page: q.page, pageSize: q.pageSize });
      return;
    }
    const { items, total } = await worklists.inboxPage(q.filter, q.sort, q.skip, q.limit);
    res.json({ items: items.map((r) => ({ ...r.task, case: caseRefOf(r) })), total, page: q.page, pageSize: q.pageSize });
  });

  r.get('/tasks/:id', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const doc = await cases.findByTask(String(req.params.id));
    if (!doc || !(await guards.canSeeCase(actor, doc))) throw notFound('待办任务不存在');
    const task = doc.openTasks.find((t) => t.id === req.params.id);
    if (!task) throw notFound('该任务已办结');
    const { form, prefill } = await service.formView(doc, task);
    const view = actions ? await actions.view(doc, task, actor) : null;
    // 挂起 or a failed step: the page shows why, and no action is offered.
    const halted = haltedRefusal(doc);
    const mayComplete = !halted && (view ? view.may.submit : guards.matchesAssignment(actor, task.assignment));
    const names = view ? await people([view.holder, view.draft?.by, view.delegation?.from, ...view.cosigners.map((c) => c.user), ...view.cosigners.map((c) => c.by)].filter((u): u is string => !!u)) : {};
    res.json({ task: presentTask(task, doc), form, prefill, mayComplete, halted: halted ?? null, actions: halted ? null : view, people: names });
  });

  // What was submitted on a case, read-only, for everyone who may see the case (the case page;
  // the task page shows the documents the task answers). Same jurisdiction as GET /cases/:id.
  r.get('/cases/:id/submissions', guards.requireUser, async (req, res) => {
    const id = String(req.params.id);
    const doc = /^[0-9a-f]{24}$/i.test(id) ? await cases.findById(id) : null;
    if (!doc || !(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    const { documents, forms } = await service.caseDocuments(doc);
    res.json({ documents, forms, people: await people([...accountsOf(doc), ...documents.map((d) => d.by)]) });
  });

  r.post('/tasks/:id/complete', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const data = req.body?.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw badRequest('表单数据必须是对象', [{ field: 'data', message: '格式不正确' }]);
    }
    const out = await submit(String(req.params.id), data, actor);
    res.status(out.status).json(out.body);
  });
  return r;
}

/** Thrown inside the authorization step to stop the completion: the submission waits for 加签. */
class PendingCosign extends Error {}

type CaseFields = Pick<CaseDoc, 'caseNo' | 'subject' | 'status' | 'supervisedCourt' | 'supervisingCourt' | 'definition'>;

/** The case as every task row shows it (督办案号, 执行案号, both courts, the process). */
const caseRef = (d: CaseFields & { _id: unknown }) => ({
  id: String(d._id), caseNo: d.caseNo, subject: d.subject, status: d.status,
  supervisedCourt: d.supervisedCourt, supervisingCourt: d.supervisingCourt, definition: d.definition,
});
const caseRefOf = (r: Omit<CaseFields, 'status'> & { caseId: unknown; caseStatus: CaseDoc['status'] }) =>
  caseRef({ ...r, _id: r.caseId, status: r.caseStatus });

function presentTask(t: OpenTask, d: CaseDoc) {
  return { ...t, case: caseRef(d) };
}
