// 表单预览 (流程管理员): any stored form exactly as a handler sees it on the task page — the
// same renderer (formio/FormioForm.vue, prepare.ts), example case data in its prefilled fields,
// editable or read-only, and the server's own check of what is typed in.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

const roles = ['流程管理员'];

export const routes: RouteRecordRaw[] = [
  { path: '/admin/form-preview', name: 'form-preview', component: () => import('./FormPreviewView.vue'), meta: { title: '表单预览', roles } },
];

export const menu: MenuItem[] = [{ path: '/admin/form-preview', title: '表单预览', roles, order: 63 }];
