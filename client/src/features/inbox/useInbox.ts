// Loads 待办 and 已办 and joins what the task list does not carry: the supervised court of each
// case (GET /api/cases) and, for 已办, the task's Chinese name from its diagram.
import { ref } from 'vue';
import { enforcementCaseNo, listCases, type CaseSummary } from '../../api/cases';
import { syncPlatformClock } from '../../api/clock';
import { loadCourts } from '../../api/courts';
import { elementNames } from '../../api/definitions';
import { doneTasks, openTasks } from '../../api/tasks';
import type { InboxRow } from './inboxFilters';

export function useInbox() {
  const open = ref<InboxRow[]>([]);
  const done = ref<InboxRow[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);

  async function load() {
    loading.value = true;
    error.value = null;
    try {
      const [tasks, finished, cases] = await Promise.all([
        openTasks(),
        doneTasks(),
        listCases().catch(() => [] as CaseSummary[]),
        loadCourts().catch(() => undefined),
        syncPlatformClock(true),
      ]);
      const caseById = new Map(cases.map((c) => [c.id, c]));
      open.value = tasks.map((t) => ({
        taskId: t.id,
        caseId: t.case.id,
        caseNo: t.case.caseNo,
        enforcementCaseNo: enforcementCaseNo(t.case),
        taskName: t.name ?? '待办任务',
        court: caseById.get(t.case.id)?.supervisedCourt,
        supervisingCourt: caseById.get(t.case.id)?.supervisingCourt,
        dueAt: t.dueAt,
        basis: t.basis,
        at: t.openedAt,
      }));
      const names = await doneNames(finished.map((t) => caseById.get(t.case.id)?.definition));
      done.value = finished
        .map((t) => {
          const def = caseById.get(t.case.id)?.definition;
          return {
            taskId: t.taskId,
            caseId: t.case.id,
            caseNo: t.case.caseNo,
            enforcementCaseNo: enforcementCaseNo(t.case),
            taskName: t.name ?? (def && names.get(`${def.key}@${def.version}`)?.get(t.element)) ?? '已办任务',
            court: caseById.get(t.case.id)?.supervisedCourt,
            supervisingCourt: caseById.get(t.case.id)?.supervisingCourt,
            at: t.completedAt,
          };
        })
        .sort((a, b) => Date.parse(b.at ?? '') - Date.parse(a.at ?? ''));
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }
  return { open, done, loading, error, load };
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
