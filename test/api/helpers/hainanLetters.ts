// The documents tests' set-up on the shipped Hainan package: the platform with every shipped
// package installed (templates, 文号 series) at 2026-12-07 09:00, and a case at 制作督办函.
import { expect } from 'vitest';
import { SHIPPED_PACKAGES_ROOT } from '../../../server/platform/createPlatform';
import { hainan, type Hainan } from '../../scenarios/hainan/helpers';
import { startScenario } from '../../scenarios/helpers';

export async function startShippedHainan(env?: Record<string, string>): Promise<Hainan> {
  const h = hainan(await startScenario({ packagesRoot: SHIPPED_PACKAGES_ROOT, env }));
  await h.setClock('2026-12-07 09:00');
  return h;
}

/** A case of the 高院 against 海口中院 waiting at 制作督办函. */
export async function atLetter(h: Hainan, data: Record<string, unknown> = {}) {
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-12-07', ...data });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  return id;
}

/** The case's issued documents as its supervising court's 承办人 reads them. */
export async function documentsOf(h: Hainan, id: string) {
  const r = await (await h.s.as('hi-gy-chengban')).get(`/api/cases/${id}/documents`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.documents as any[];
}
