// 流程管理员: packages (import, export, publish, working copies), deadlines, holidays;
// 系统管理员: courts and users. Every page loads only when opened.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

const PROCESS_ADMIN = ['流程管理员'];
const SYSTEM_ADMIN = ['系统管理员'];

export const routes: RouteRecordRaw[] = [
  {
    path: '/admin/packages',
    name: 'admin-packages',
    component: () => import('./views/PackagesView.vue'),
    meta: { title: '程序包', roles: PROCESS_ADMIN },
  },
  {
    path: '/admin/workspace/:id',
    name: 'admin-workspace',
    component: () => import('./views/WorkspaceView.vue'),
    meta: { title: '编辑程序包', roles: PROCESS_ADMIN },
  },
  {
    path: '/admin/deadlines/:id?',
    name: 'admin-deadlines',
    component: () => import('./views/DeadlinesView.vue'),
    meta: { title: '期限一览', roles: PROCESS_ADMIN },
  },
  {
    path: '/admin/articles/:id?',
    name: 'admin-articles',
    component: () => import('./views/ArticlesView.vue'),
    meta: { title: '条文期限', roles: PROCESS_ADMIN },
  },
  {
    path: '/admin/calendar',
    name: 'admin-calendar',
    component: () => import('./views/CalendarView.vue'),
    meta: { title: '节假日', roles: ['流程管理员', '系统管理员'] },
  },
  {
    path: '/admin/courts',
    name: 'admin-courts',
    component: () => import('./views/CourtsView.vue'),
    meta: { title: '法院', roles: SYSTEM_ADMIN },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('./views/UsersView.vue'),
    meta: { title: '用户', roles: SYSTEM_ADMIN },
  },
];

export const menu: MenuItem[] = [
  { path: '/admin/packages', title: '程序包', roles: PROCESS_ADMIN, order: 60 },
  { path: '/admin/deadlines', title: '期限一览', roles: PROCESS_ADMIN, order: 61 },
  { path: '/admin/articles', title: '条文期限', roles: PROCESS_ADMIN, order: 61.5 },
  { path: '/admin/calendar', title: '节假日', roles: ['流程管理员', '系统管理员'], order: 62, homeFor: PROCESS_ADMIN },
  { path: '/admin/courts', title: '法院', roles: SYSTEM_ADMIN, order: 70 },
  { path: '/admin/users', title: '用户', roles: SYSTEM_ADMIN, order: 71 },
];
