import { Router } from 'express';
// Reading cases. Opening one (POST /api/cases) is server/intake: through the package's start form.
import { notFound } from '../http/errors';
import type { Guards, Owned } from '../http/actor';
import { presentCase, presentCaseSummary } from './cases.presenter';
import { caseListQuery } from './caseQuery';
import type { CasesService } from './cases.service';
import type { CasesRepository } from './cases.repository';
import { accountsOf, type People } from './people';
import { beijing, EXPORT_LIMIT, sendWorkbook, workbook } from '../exports';

const CASE_STATUS_ZH: Record<string, string> = { running: '办理中', completed: '已办结', failed: '异常', suspended: '已挂起' };

/**
 * The package a process belongs to (server/packages/owners.ts): a case runs under a package only
 * within the issuing court's jurisdiction (a 吉林 package is never started against 海南 courts).
 */
export type ProcessOwner = (key: string) => Promise<Owned | null>;

export function casesRoutes(
  service: CasesService, cases: CasesRepository, guards: Guards, now: () => Date, people: People = async () => ({}),
  courtNames: (codes: string[]) => Promise<Map<string, { name: string }>> = async () => new Map(),
): Router {
  const r = Router();

  // The case list as Excel: the same filters and order as GET /cases, every page up to the limit.
  r.get('/cases/export', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const q = caseListQuery({ ...req.query, page: '1' }, await guards.visibleCourts(actor), now());
    const { items, total } = await cases.page({ ...q, skip: 0, limit: EXPORT_LIMIT });
    const names = await courtNames([...new Set(items.flatMap((c) => [c.supervisedCourt, c.supervisingCourt]))]);
    const court = (code: string) => names.get(code)?.name ?? code;
    const firstDue = (c: (typeof items)[number]) => c.openTasks.map((t) => t.dueAt).filter((d): d is Date => !!d).sort((a, b) => +a - +b)[0];
    const body = await workbook([{
      name: '督办案件',
      rows: items,
      columns: [
        { header: '督办案号', width: 20, value: (c) => c.caseNo },
        { header: '执行案号', width: 22, value: (c) => String(c.subject?.enforcementCaseNo ?? '') },
        { header: '当事人', width: 30, value: (c) => String(c.subject?.parties ?? '') },
        { header: '被督办法院', width: 24, value: (c) => court(c.supervisedCourt) },
        { header: '督办法院', width: 24, value: (c) => court(c.supervisingCourt) },
        { header: '状态', width: 8, value: (c) => CASE_STATUS_ZH[c.status] ?? c.status },
        { header: '当前环节', width: 28, value: (c) => c.openTasks.map((t: { name?: string; elementId: string }) => t.name ?? t.elementId).join('、') },
        { header: '最近期限（北京时间）', width: 20, value: (c) => (c.status === 'running' ? beijing(firstDue(c)) : '') },
        { header: '立案时间（北京时间）', width: 20, value: (c) => beijing(c.createdAt) },
        { header: '结案时间（北京时间）', width: 20, value: (c) => beijing(c.closedAt) },
      ],
    }, ...(total > items.length ? [{ name: '说明', rows: [total], columns: [{ header: '说明', width: 60, value: (n: number) => `共 ${n} 件，仅导出前 ${EXPORT_LIMIT} 件，请缩小筛选范围后再导出` }] }] : [])]);
    sendWorkbook(res, body, 'cases.xlsx', '督办案件.xlsx');
  });

  // One page of the cases the user sees (server/cases/caseQuery.ts for the parameters).
  r.get('/cases', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const q = caseListQuery(req.query, await guards.visibleCourts(actor), now());
    const { items, total } = await cases.page(q);
    res.json({ items: items.map(presentCaseSummary), total, page: q.page, pageSize: q.pageSize });
  });

  r.get('/cases/:id', guards.requireUser, async (req, res) => {
    const doc = await service.get(String(req.params.id));
    if (!(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    res.json(presentCase(doc, await people(accountsOf(doc))));
  });
  return r;
}
