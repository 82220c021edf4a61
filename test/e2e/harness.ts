// The browser-test harness: the client built once (if stale), the platform as users start it
// (`node --import tsx server/main.ts`, manual clock, temp DATA_DIR), and a real Chromium with a
// fresh profile. It records every console error and every request: a request to any host but
// the platform, or a console error nobody declared expected, fails the test (see `assertClean`).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CLIENT_CSP } from '../../server/http/csp';
import { currentPassword, signIn, startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';
import { startPlatformFrom } from './platformProcess';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A stopped platform's DATA_DIR after its first start (see globalSetup.ts). */
    e2eTemplateDir: string;
  }
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PASSWORD = 'duban-e2e-2026';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let built = false;
/** `npm start`'s own rule: rebuild client/dist only when a source is newer. */
export function buildClientIfStale(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'client', 'build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/** The environment of every e2e platform: manual clock, demo accounts with PASSWORD. */
export const seedEnv = (dataDir: string) => ({ DATA_DIR: dataDir, DUBAN_CLOCK: 'manual', DUBAN_SEED_PASSWORD: PASSWORD, DUBAN_DEMO: 'open' });

export interface Allowed {
  /** Matched against the console text (Chromium logs every 4xx/5xx fetch as an error). */
  text: RegExp;
  /** And against the URL the message is about, when given. */
  url?: RegExp;
}

export interface E2E {
  platform: ChildPlatform;
  url: string;
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  requests: string[];
  /** The API as a user (setup and cross-checks), cookie + CSRF like the browser. */
  api(username: string): Promise<Awaited<ReturnType<typeof signIn>>>;
  /** Declares console errors a test provokes on purpose (e.g. a 422 it expects). */
  allow(a: Allowed): void;
  shot(name: string): Promise<string>;
  signInAs(username: string): Promise<void>;
  signOut(): Promise<void>;
  /** Fails with every unexpected console error and every request to another host. */
  assertClean(): void;
  close(): Promise<void>;
}

export async function startE2E(opts: { viewport?: { width: number; height: number } } = {}): Promise<E2E> {
  buildClientIfStale();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-e2e-data-'));
  // The data directory a first start left (globalSetup.ts): this platform's start is a restart.
  const template = inject('e2eTemplateDir');
  if (template) cpSync(template, dataDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'duban-e2e-chromium-'));
  const env = seedEnv(dataDir);
  // DUBAN_E2E_MAIN: another entry point (a work-in-progress wiring); normally server/main.ts.
  const platform = process.env.DUBAN_E2E_MAIN ? await startPlatformFrom(process.env.DUBAN_E2E_MAIN, env) : await startChildPlatform(env);
  const url = platform.url;
  const origin = new URL(url).origin;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  // The session probe on a signed-out page answers 401 by design.
  const allowed: Allowed[] = [{ text: /status of 401/, url: /\/api\/me$/ }];

  // Pages are served with the client CSP even before the platform sends it itself, so the
  // tests prove the client runs under it (a violation is a console error).
  await context.route(`${origin}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] ??= CLIENT_CSP;
    await route.fulfill({ response, headers });
  });
  context.on('request', (r) => requests.push(r.url()));
  const watch = (p: Page) => {
    p.on('console', (m) => {
      // Libraries catch some CSP refusals and log them as warnings: any mention counts.
      if (m.type() !== 'error' && !/Content Security Policy/i.test(m.text())) return;
      const where = m.location()?.url ?? '';
      const text = `${m.text()} @ ${where}`;
      if (!allowed.some((a) => a.text.test(m.text()) && (!a.url || a.url.test(where)))) consoleErrors.push(text);
    });
    p.on('pageerror', (e) => consoleErrors.push(`页面异常：${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(ARTIFACTS, { recursive: true });

  return {
    platform,
    url,
    context,
    page,
    consoleErrors,
    requests,
    api: (username) => signIn(url, username, PASSWORD),
    allow: (a) => void allowed.push(a),
    async shot(name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.evaluate('window.scrollTo(0, 0)'); // sticky header and menu at their place
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async signInAs(username) {
      await page.goto(`${url}/login`);
      await page.getByPlaceholder('请输入用户名').fill(username);
      // A user created in the test replaced the initial password at their first API sign-in.
      await page.getByPlaceholder('请输入密码').fill(currentPassword(url, username, PASSWORD));
      await page.getByPlaceholder('请输入密码').press('Enter');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    },
    async signOut() {
      await page.locator('[data-test="logout"]').click();
      await page.waitForURL(/\/login/);
    },
    assertClean() {
      const foreign = requests.filter((r) => {
        const u = new URL(r);
        return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && u.origin !== origin;
      });
      const problems = [
        ...foreign.map((r) => `对其他主机的请求：${r}`),
        ...consoleErrors.map((e) => `控制台错误：${e}`),
      ];
      if (problems.length) throw new Error(problems.join('\n'));
    },
    async close() {
      await context.close().catch(() => undefined);
      platform.child.kill('SIGTERM');
      await platform.exited;
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
