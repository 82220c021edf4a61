import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

export const routes: RouteRecordRaw[] = [
  { path: '/cases', name: 'cases', component: () => import('./CaseListView.vue'), meta: { title: '督办案件' } },
  { path: '/cases/:id', name: 'case', component: () => import('./CaseView.vue'), meta: { title: '案件详情' } },
];

export const menu: MenuItem[] = [{ path: '/cases', title: '督办案件', order: 20, homeFor: ['承办人', '审查人员', '审批人', '院领导', '督察'] }];
