// 待办 and 已办, one server page at a time (GET /api/tasks), as table rows. Each row carries its
// case's courts; a 已办 row's task name comes from its diagram (few distinct versions per page).
import { ref } from 'vue';
import { enforcementCaseNo } from '../../api/cases';
import { syncPlatformClock } from '../../api/clock';
import { loadCourts } from '../../api/courts';
import { elementNames } from '../../api/definitions';
import type { ListParams, Page } from '../../api/page';
import { doneTasks, openTasks } from '../../api/tasks';

export interface InboxRow {
  taskId: string;
  caseId: string;
  caseNo: string;
  enforcementCaseNo?: string;
  taskName: string;
  /** 被督办法院 */
  court?: string;
  /** 督办法院 */
  supervisingCourt?: string;
  dueAt?: string;
  basis?: string;
  at?: string;
}

export type Tab = 'open' | 'done';
/** URL parameters of the inbox besides page and sort: `tab` picks the list, the rest filter it. */
export const INBOX_KEYS = ['tab', 'q', 'court', 'due', 'enforcementCourt', 'enforcementCaseNo'];

export function useInbox() {
  /** The other tab's total, for its label. */
  const otherTotal = ref<number | null>(null);

  async function fetchPage(params: ListParams): Promise<Page<InboxRow>> {
    const { tab, ...rest } = params;
    const done = tab === 'done';
    const other = (done ? openTasks : doneTasks)({ pageSize: '1' }).then((r) => (otherTotal.value = r.total)).catch(() => undefined);
    // Rows show court names and deadlines against the platform clock: both are loaded first.
    const ready = Promise.all([loadCourts().catch(() => undefined), syncPlatformClock(true), other]);
    if (!done) {
      const [r] = await Promise.all([openTasks(rest), ready]);
      return {
        ...r,
        items: r.items.map((t) => ({
          taskId: t.id,
          caseId: t.case.id,
          caseNo: t.case.caseNo,
          enforcementCaseNo: enforcementCaseNo(t.case),
          taskName: t.name ?? '待办任务',
          court: t.case.supervisedCourt,
          supervisingCourt: t.case.supervisingCourt,
          dueAt: t.dueAt,
          basis: t.basis,
          at: t.openedAt,
        })),
      };
    }
    const { due: _due, ...doneParams } = rest; // deadline filters are the open list's
    const [r] = await Promise.all([doneTasks(doneParams), ready]);
    const names = await doneNames(r.items.map((t) => t.case.definition));
    return {
      ...r,
      items: r.items.map((t) => {
        const def = t.case.definition;
        return {
          taskId: t.taskId,
          caseId: t.case.id,
          caseNo: t.case.caseNo,
          enforcementCaseNo: enforcementCaseNo(t.case),
          taskName: t.name ?? (def && names.get(`${def.key}@${def.version}`)?.get(t.element)) ?? '已办任务',
          court: t.case.supervisedCourt,
          supervisingCourt: t.case.supervisingCourt,
          at: t.completedAt,
        };
      }),
    };
  }
  return { fetchPage, otherTotal };
}

/** Element names of each distinct diagram version (few: one per process version in use). */
async function doneNames(defs: ({ key: string; version: number } | undefined)[]) {
  const out = new Map<string, Map<string, string>>();
  const distinct = new Map(defs.filter((d) => !!d).map((d) => [`${d.key}@${d.version}`, d]));
  await Promise.all(
    [...distinct].map(async ([id, d]) => out.set(id, await elementNames(d.key, d.version).catch(() => new Map<string, string>()))),
  );
  return out;
}
