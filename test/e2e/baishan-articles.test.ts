// 白山规定 第二十四条 in the browser: 白山中院's 流程管理员 opens 条文期限 of the package his court
// issued and sees the higher rules it sits under, and the conflicts the platform detects (none
// while no 吉林高院 package is live); an administrator of another province sees the articles but
// not the panel (the conflicts route is his to read only for his own packages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
});
afterAll(() => e?.close());

describe('条文期限 of the Baishan package: 上级规定与冲突 (白山规定 第二十四条)', () => {
  it('白山中院’s 流程管理员 sees the higher rules and that no conflict is detected', async () => {
    const { page } = e;
    await e.signInAs('jl-bs-admin');
    await page.goto(`${e.url}/admin/articles/baishan`);
    const panel = page.locator('[data-test="higher-rules"]');
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('最高人民法院关于执行案件督办工作的规定');
    expect(await panel.textContent()).toContain('以上级法院的规定为准');
    expect(await page.locator('[data-test="no-conflicts"]').textContent()).toContain('未检出与上级法院程序包的冲突');
    await expect.poll(() => page.locator('[data-test="coverage-figure"]').textContent(), { timeout: 30_000 }).toContain('6 / 6');
    await e.shot('baishan-articles-higher-rules');
    e.assertClean();
  });

  it('a 高院 administrator of another province sees the articles without the panel', async () => {
    const { page } = e;
    e.allow({ text: /status of 403/, url: /\/api\/packages\/baishan\/conflicts$/ });
    await e.signOut();
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/articles/baishan`);
    await expect.poll(() => page.locator('[data-test="coverage-figure"]').textContent(), { timeout: 30_000 }).toContain('6 / 6');
    expect(await page.locator('[data-test="higher-rules"]').count()).toBe(0);
    e.assertClean();
  });
});
