import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

export const routes: RouteRecordRaw[] = [
  { path: '/inbox', name: 'inbox', component: () => import('./InboxView.vue'), meta: { title: '待办事项' } },
];

/** Roles that work or follow cases; an administrator lands on their own pages instead. */
const WORKERS = ['承办人', '审查人员', '审批人', '院领导', '督察'];

export const menu: MenuItem[] = [{ path: '/inbox', title: '待办事项', order: 10, homeFor: WORKERS }];
