// The task actions (认领, 释放, 转办, 委派, 交回, 加签, 会签, 暂存, 退回) as calls with one busy flag
// and one error, each followed by a reload of the task so the page shows who holds it now.
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import * as api from '../../api/tasks';

/** `left`: after an action that takes the task away from this page (退回), instead of a reload. */
export function useTaskActions(taskId: () => string, reload: () => Promise<void>, left: () => Promise<unknown> = reload) {
  const busy = ref(false);
  const error = ref<unknown>(null);

  async function run(done: string, call: () => Promise<unknown>, then: () => Promise<unknown> = reload): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      await call();
      ElMessage.success(done);
      await then();
      return true;
    } catch (err) {
      error.value = err;
      return false;
    } finally {
      busy.value = false;
    }
  }

  const id = () => taskId();
  return {
    busy,
    error,
    claim: () => run('已认领，其他人将看到由您办理', () => api.claimTask(id())),
    release: (reason: string) => run('已释放，本部门人员均可认领', () => api.releaseTask(id(), reason)),
    transfer: (to: string, reason: string) => run('已转办', () => api.transferTask(id(), to, reason)),
    delegate: (to: string, reason: string) => run('已委派，受委派人交回后由您提交', () => api.delegateTask(id(), to, reason)),
    returnDelegation: (reason: string) => run('已交回委派人', () => api.returnDelegation(id(), reason)),
    addCosigner: (user: string, reason: string) => run('已加签，提交后须加签人签署方可继续', () => api.addCosigner(id(), user, reason)),
    cosign: (opinion: string) => run('已签署', () => api.cosignTask(id(), opinion)),
    save: (data: Record<string, unknown>) => run('已暂存，可稍后继续办理', () => api.saveDraft(id(), data)),
    returnTo: (to: string, reason: string) => run('已退回', () => api.returnTask(id(), to, reason), left),
  };
}
