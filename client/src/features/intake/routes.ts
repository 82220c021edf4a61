import type { RouteRecordRaw } from 'vue-router';

// 立案 is reached from 督办案件 (the 「立案」 button), not from the side menu.
export const routes: RouteRecordRaw[] = [
  { path: '/cases/new', name: 'case-new', component: () => import('./StartCaseView.vue'), meta: { title: '立案' } },
];
