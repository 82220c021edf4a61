// The cockpit panel's data and actions (server/caseAdmin): loaded only for a 系统管理员; a 403
// (another court's administrator) hides the panel.
import { ElMessage } from 'element-plus';
import { ref, shallowRef } from 'vue';
import { ApiError, http } from '../../api/http';

export interface AdminView {
  variables: { name: string; label: string; value: unknown }[];
  openTasks: { id: string; elementId: string; name?: string; claimedBy?: string; moveTargets: { id: string; name?: string }[]; colleagues: { username: string; name: string }[] }[];
  status: 'running' | 'completed' | 'failed' | 'suspended';
  suspension: { at: string; by: string; reason: string } | null;
  suspensions: { from: string; to: string }[];
  failure: { at: string; element?: string; message: string } | null;
}

export function useCaseAdmin(caseId: () => string, changed: () => Promise<void>) {
  const view = shallowRef<AdminView | null>(null);
  const busy = ref(false);
  const error = ref<unknown>(null);
  const base = () => `/api/cases/${encodeURIComponent(caseId())}/admin`;

  async function load() {
    try {
      view.value = await http.get<AdminView>(base());
    } catch (err) {
      view.value = null;
      if (!(err instanceof ApiError && err.status === 403)) error.value = err;
    }
  }

  async function act(path: string, body: Record<string, unknown>, done: string) {
    busy.value = true;
    error.value = null;
    try {
      await http.post(`${base()}/${path}`, body);
      ElMessage.success(done);
      await changed();
      await load();
      return true;
    } catch (err) {
      error.value = err;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    view, busy, error, load,
    changeAssignee: (taskId: string, to: string, reason: string) => act('assignee', { taskId, to, reason }, '已变更办理人'),
    move: (taskId: string, to: string, reason: string) => act('move', { taskId, to, reason }, '已调整流程'),
    close: (kind: '结案' | '撤销', reason: string) => act('close', { kind, reason }, kind === '撤销' ? '已撤销案件' : '已结案'),
    suspend: (reason: string) => act('suspend', { reason }, '已挂起案件'),
    resume: (reason: string) => act('resume', { reason }, '已恢复案件，期限已顺延'),
    retry: (reason: string, variables?: Record<string, unknown>) => act('retry', { reason, ...(variables ? { variables } : {}) }, '已重试，案件恢复运行'),
  };
}
