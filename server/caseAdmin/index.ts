// Cockpit-style case administration (README.md in this folder).
import { extendApi } from '../http/openapi';

export { CaseAdminService } from './caseAdmin.service';
export type { CaseAdminDeps } from './caseAdmin.service';
export { caseAdminRoutes, CASE_ADMIN_ROLE } from './caseAdmin.routes';

const admin = '系统管理员（督办法院或其上级法院）';
extendApi({
  '/api/cases/{id}/admin': { get: { summary: '案件管理：案件数据（中文名称）、在办任务及可调整的步骤、挂起与失败信息', roles: admin } },
  '/api/cases/{id}/admin/assignee': { post: { summary: '变更办理人（同一法院、同一角色）', roles: admin, body: '{taskId, to, reason}' } },
  '/api/cases/{id}/admin/move': { post: { summary: '调整流程：移至同一阶段此前的步骤', roles: admin, body: '{taskId, to, reason}' } },
  '/api/cases/{id}/admin/close': { post: { summary: '结案或撤销案件', roles: admin, body: '{kind: 结案|撤销, reason}' } },
  '/api/cases/{id}/admin/suspend': { post: { summary: '挂起：定时器停止、待办不能办理', roles: admin, body: '{reason}' } },
  '/api/cases/{id}/admin/resume': { post: { summary: '恢复：挂起期间按中止计入，各期限顺延', roles: admin, body: '{reason}' } },
  '/api/cases/{id}/admin/retry': { post: { summary: '重试运行失败的步骤（可补录案件数据）', roles: admin, body: '{reason, variables?}' } },
});
