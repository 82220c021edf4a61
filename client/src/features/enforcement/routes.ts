import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

// As server/enforcement/import.service.ts IMPORT_ROLES.
const roles = ['系统管理员', '流程管理员', '审查人员', '承办人', '审批人'];

export const routes: RouteRecordRaw[] = [
  { path: '/enforcement/import', name: 'enforcement-import', component: () => import('./ImportView.vue'), meta: { title: '执行案件导入', roles } },
];

export const menu: MenuItem[] = [{ path: '/enforcement/import', title: '执行案件导入', roles, order: 7, homeFor: [] }];
