// The BPMN modeler opens on a diagram of a package's working copy; bpmn-js loads with the page.
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin/workspace/:id/process/:file',
    name: 'modeler',
    component: () => import('./ModelerView.vue'),
    meta: { title: '流程图', roles: ['流程管理员'] },
  },
];
