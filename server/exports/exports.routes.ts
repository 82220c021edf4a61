// GET /api/tasks/export: the user's 待办 (or 已办 with ?status=done) as Excel, with the inbox's
// own filters and order (server/worklists), every page up to EXPORT_LIMIT rows.
import { Router } from 'express';
import type { Guards } from '../http/actor';
import { badRequest } from '../http/errors';
import { worklistQuery, type WorklistsRepository } from '../worklists';
import { beijing, EXPORT_LIMIT, sendWorkbook, workbook } from './workbook';

type Names = (codes: string[]) => Promise<Map<string, { name: string }>>;

export function exportsRoutes(worklists: WorklistsRepository, guards: Guards, now: () => Date, courtNames: Names): Router {
  const r = Router();
  r.get('/tasks/export', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const status = req.query.status ?? 'open';
    if (status !== 'open' && status !== 'done') throw badRequest('status 只能是 open 或 done');
    const q = worklistQuery({ ...req.query, page: '1' }, actor, status, now());
    const subject = (s: unknown, k: string) => String((s as Record<string, unknown> | undefined)?.[k] ?? '');
    if (status === 'done') {
      const { items } = await worklists.finishedPage(q.filter, q.sort, 0, EXPORT_LIMIT);
      const names = await courtNames([...new Set(items.flatMap((x) => [x.supervisedCourt, x.supervisingCourt]))]);
      const court = (c: string) => names.get(c)?.name ?? c;
      const body = await workbook([{ name: '已办事项', rows: items, columns: [
        { header: '督办案号', width: 20, value: (x) => x.caseNo },
        { header: '执行案号', width: 22, value: (x) => subject(x.subject, 'enforcementCaseNo') },
        { header: '当事人', width: 30, value: (x) => subject(x.subject, 'parties') },
        { header: '被督办法院', width: 24, value: (x) => court(x.supervisedCourt) },
        { header: '办结时间（北京时间）', width: 20, value: (x) => beijing(x.completedAt) },
        { header: '期限（北京时间）', width: 20, value: (x) => beijing(x.dueAt) },
        { header: '是否逾期', width: 10, value: (x) => (x.late === true ? '逾期' : x.late === false ? '按期' : '') },
      ] }]);
      sendWorkbook(res, body, 'done.xlsx', '已办事项.xlsx');
      return;
    }
    const { items } = await worklists.inboxPage(q.filter, q.sort, 0, EXPORT_LIMIT);
    const names = await courtNames([...new Set(items.flatMap((x) => [x.supervisedCourt, x.supervisingCourt]))]);
    const court = (c: string) => names.get(c)?.name ?? c;
    const body = await workbook([{ name: '待办事项', rows: items, columns: [
      { header: '待办事项', width: 24, value: (x) => x.task.name ?? x.task.elementId },
      { header: '督办案号', width: 20, value: (x) => x.caseNo },
      { header: '执行案号', width: 22, value: (x) => subject(x.subject, 'enforcementCaseNo') },
      { header: '当事人', width: 30, value: (x) => subject(x.subject, 'parties') },
      { header: '被督办法院', width: 24, value: (x) => court(x.supervisedCourt) },
      { header: '督办法院', width: 24, value: (x) => court(x.supervisingCourt) },
      { header: '办理期限（北京时间）', width: 20, value: (x) => beijing(x.task.dueAt) },
      { header: '收到时间（北京时间）', width: 20, value: (x) => beijing(x.task.openedAt) },
      { header: '依据', width: 30, value: (x) => x.task.basis ?? '' },
    ] }]);
    sendWorkbook(res, body, 'inbox.xlsx', '待办事项.xlsx');
  });
  return r;
}
