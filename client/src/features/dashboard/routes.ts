import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

const roles = ['审批人', '院领导', '督察'];

export const routes: RouteRecordRaw[] = [
  { path: '/dashboard', name: 'dashboard', component: () => import('./DashboardView.vue'), meta: { title: '督办统计', roles } },
];

export const menu: MenuItem[] = [{ path: '/dashboard', title: '督办统计', roles, order: 5 }];
