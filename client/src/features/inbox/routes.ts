import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

export const routes: RouteRecordRaw[] = [
  { path: '/inbox', name: 'inbox', component: () => import('./InboxView.vue'), meta: { title: '待办事项' } },
];

export const menu: MenuItem[] = [{ path: '/inbox', title: '待办事项', order: 10 }];
