import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

export const routes: RouteRecordRaw[] = [
  { path: '/notifications', name: 'notifications', component: () => import('./NotificationsView.vue'), meta: { title: '消息中心' } },
];

// Everyone has messages; the page is nobody's landing page (homeFor: none).
export const menu: MenuItem[] = [{ path: '/notifications', title: '消息中心', order: 90, homeFor: [] }];
