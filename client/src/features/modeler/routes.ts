// The BPMN modeler opens on a diagram of a package's working copy; bpmn-js loads with the page.
import type { RouteRecordRaw } from 'vue-router';
import { loadDraftBeforeEnter } from '../admin/workspace/load';

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin/workspace/:id/process/:file',
    name: 'modeler',
    component: () => import('./ModelerView.vue'),
    // A deep link in a fresh browser: the draft comes from the server before the page opens.
    beforeEnter: loadDraftBeforeEnter,
    meta: { title: '流程图', roles: ['流程管理员'] },
  },
];
