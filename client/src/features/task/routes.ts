import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/tasks/:id', name: 'task', component: () => import('./TaskView.vue'), meta: { title: '办理' } },
];
