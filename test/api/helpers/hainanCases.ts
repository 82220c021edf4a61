// The setup the task-action and case-administration API tests share: one platform per test
// file with the shipped packages installed (the Hainan package is the fixture), the manual
// clock on a working morning, and a fresh 督办 case against 海口中院 per test.
import { afterAll, beforeAll } from 'vitest';
import { startHainan, type Hainan } from '../../scenarios/hainan/helpers';

export function useHainanCases(clock = '2026-10-08 09:00') {
  let current: Hainan | undefined;
  beforeAll(async () => {
    current = await startHainan({ shipped: true });
    await current.setClock(clock);
  }, 180_000);
  afterAll(() => current?.close());
  const started = (): Hainan => {
    if (!current) throw new Error('the Hainan platform has not started (useHainanCases runs in beforeAll)');
    return current;
  };
  /** The platform of this file, once beforeAll has run. */
  const h = new Proxy({} as Hainan, { get: (_, key) => started()[key as keyof Hainan] });
  return {
    h,
    as: (username: string) => started().s.as(username),
    /** A case from a complaint received on the platform's first day, against 海口中院. */
    openCase: () => started().open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: clock.slice(0, 10) }),
    historyOf: async (id: string, type: string) => (await started().history(id)).filter((e) => e.type === type),
  };
}
