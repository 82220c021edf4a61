import type { RouteRecordRaw } from 'vue-router';
import type { MenuItem } from '../../router';

// As server/ledger/ledger.routes.ts LEDGER_READERS.
const roles = ['审批人', '院领导', '督察', '审查人员'];

export const routes: RouteRecordRaw[] = [
  { path: '/ledger', name: 'ledger', component: () => import('./LedgerView.vue'), meta: { title: '督办台账', roles } },
];

export const menu: MenuItem[] = [{ path: '/ledger', title: '督办台账', roles, order: 6 }];
