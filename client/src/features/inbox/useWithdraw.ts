// 撤回 from 已办: the submitter takes a step back while the next step is untouched (the server
// decides, and says why not). On success the step is open again, held by the user.
import { ElMessage, ElMessageBox } from 'element-plus';
import { useRouter } from 'vue-router';
import { ApiError } from '../../api/http';
import { withdrawTask } from '../../api/tasks';

export function useWithdraw() {
  const router = useRouter();
  return async function withdraw(row: { taskId: string; caseId: string }) {
    const { value } = await ElMessageBox.prompt('撤回后该步骤重新由您办理，下一步骤撤销。请填写撤回理由', '撤回已提交的事项', {
      confirmButtonText: '撤回', cancelButtonText: '取消', inputPattern: /\S/, inputErrorMessage: '请填写理由',
    }).catch(() => ({ value: '' }));
    if (!value) return;
    try {
      await withdrawTask(row.taskId, value.trim());
      ElMessage.success('已撤回，请重新办理');
      await router.push(`/cases/${row.caseId}`);
    } catch (err) {
      ElMessage.error(err instanceof ApiError ? err.message : '撤回失败');
    }
  };
}
