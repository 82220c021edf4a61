// A task with its form and its case (summary, element names, history, the documents submitted
// so far) for the task page.
import { ref, shallowRef } from 'vue';
import { getCase, getCaseSubmissions, type CaseDetail, type CaseSubmissions } from '../../api/cases';
import { syncPlatformClock } from '../../api/clock';
import { loadCourts } from '../../api/courts';
import { elementNames } from '../../api/definitions';
import { getTask, type TaskDetail } from '../../api/tasks';

export function useTask() {
  const detail = shallowRef<TaskDetail | null>(null);
  const kase = shallowRef<CaseDetail | null>(null);
  const documents = shallowRef<CaseSubmissions | null>(null);
  const names = shallowRef(new Map<string, string>());
  const loading = ref(true);
  const error = ref<unknown>(null);

  async function load(id: string) {
    loading.value = true;
    error.value = null;
    try {
      void loadCourts().catch(() => undefined);
      void syncPlatformClock();
      detail.value = await getTask(id);
      const caseId = detail.value.task.case.id;
      [kase.value, documents.value] = await Promise.all([getCase(caseId), getCaseSubmissions(caseId)]);
      const def = kase.value.case.definition;
      names.value = await elementNames(def.key, def.version).catch(() => new Map());
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }
  return { detail, kase, documents, names, loading, error, load };
}
