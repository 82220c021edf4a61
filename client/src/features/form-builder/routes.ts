// The Form.io builder opens on a form of a package's working copy; Form.io loads with the page.
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin/workspace/:id/form/:name',
    name: 'form-builder',
    component: () => import('./FormBuilderView.vue'),
    meta: { title: '表单设计', roles: ['流程管理员'] },
  },
];
