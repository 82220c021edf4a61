import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBaishan, type Baishan } from './helpers';
let h: Baishan;
beforeAll(async () => { h = await startBaishan(); }, 120_000);
afterAll(() => h?.close());
it('smoke', async () => {
  await h.setClock('2026-09-28 10:00');
  const id = await h.open('baishanSupervision', 'jl-bs-hj');
  const t = await h.task(id, 'reviewMatter');
  console.log(t);
  await h.complete(id, 'reviewMatter');
  await h.complete(id, 'draftSupervisionLetter');
  await h.complete(id, 'approveSupervisionLetter');
  console.log(await h.tasks(id), (await h.view(id)).timers);
  expect(1).toBe(1);
});
