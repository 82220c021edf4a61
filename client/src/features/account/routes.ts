import type { RouteRecordRaw } from 'vue-router';

// Every signed-in user may change their password (the link in the top bar); a user whose
// password an administrator set is sent here first (router.ts).
export const routes: RouteRecordRaw[] = [
  { path: '/account/password', name: 'change-password', component: () => import('./ChangePasswordView.vue'), meta: { title: '修改密码' } },
];
