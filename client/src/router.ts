// The router collects every feature's routes.ts (client/src/features/<name>/routes.ts), so a
// feature is added by creating its folder; nothing here names a feature except the fallbacks.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { hasRole, loadSession, onSessionExpired, session } from './api/session';

/** A side-menu entry a feature contributes (`export const menu: MenuItem[]`). */
export interface MenuItem {
  path: string;
  /** Chinese. */
  title: string;
  /** Shown to users holding any of these roles; absent: everyone signed in. */
  roles?: string[];
  /** Lower first; entries without an order keep the features' alphabetical order. */
  order?: number;
  /** The landing page only for these roles (absent: for anyone who sees it). An administrator
   * with no task-working role does not land on an empty 待办事项. */
  homeFor?: string[];
}

interface FeatureModule {
  routes?: RouteRecordRaw[];
  menu?: MenuItem[];
}

const features = import.meta.glob<FeatureModule>('./features/*/routes.ts', { eager: true });
const modules = Object.keys(features).sort().map((k) => features[k]);

const allMenu: MenuItem[] = modules
  .flatMap((m) => m.menu ?? [])
  .map((item, i) => ({ item, i }))
  .sort((a, b) => (a.item.order ?? 100) - (b.item.order ?? 100) || a.i - b.i)
  .map(({ item }) => item);

/** The side menu of the signed-in user. */
export const visibleMenu = (): MenuItem[] => allMenu.filter((m) => !m.roles || hasRole(...m.roles));

const routes: RouteRecordRaw[] = [
  ...modules.flatMap((m) => m.routes ?? []),
  // Home: the first page the user's roles open (承办人 → 待办, 院领导 → 统计, …).
  { path: '/', name: 'home', component: () => import('./components/EmptyHome.vue'), meta: { title: '首页' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./components/NotFoundView.vue'),
    meta: { title: '页面不存在' },
  },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const user = await loadSession().catch(() => null);
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  // An initial password (set by an administrator) is replaced before anything else (the API
  // refuses all other work meanwhile).
  if (user.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (to.meta.roles && !hasRole(...to.meta.roles)) return { name: 'home' };
  if (to.name === 'home') {
    // `homeFor: []`: never a landing page (import pages, the message centre).
    const first = visibleMenu().find((m) => !m.homeFor || (m.homeFor.length > 0 && hasRole(...m.homeFor))) ?? visibleMenu()[0];
    if (first) return first.path;
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 督办` : '督办 · 执行督办流程平台';
});

onSessionExpired(() => {
  const here = router.currentRoute.value;
  if (!here.meta.public && session.loaded) {
    void router.replace({ name: 'login', query: { redirect: here.fullPath, expired: '1' } });
  }
});
