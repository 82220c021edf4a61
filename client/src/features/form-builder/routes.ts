// The Form.io builder opens on a form of a package's working copy; Form.io loads with the page.
import type { RouteRecordRaw } from 'vue-router';
import { loadDraftBeforeEnter } from '../admin/workspace/load';

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin/workspace/:id/form/:name',
    name: 'form-builder',
    component: () => import('./FormBuilderView.vue'),
    // A deep link in a fresh browser: the draft comes from the server before the page opens.
    beforeEnter: loadDraftBeforeEnter,
    meta: { title: '表单设计', roles: ['流程管理员'] },
  },
];
