// The scenario harness: the real platform on the embedded store with the manual clock, and
// signed-in users who call the HTTP API exactly as the browser does (cookie + X-CSRF-Token).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../api/helpers/testPlatform';

export const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

/**
 * Saves the test diagrams' forms (fixtures/forms/test/*.json) through the API, for platforms
 * that did not seed them (child processes started as `npm start` does).
 */
export async function saveFixtureForms(admin: { post(url: string, body: object): PromiseLike<{ status: number; body: any }> }) {
  const dir = path.join(import.meta.dirname, 'fixtures', 'forms', 'test');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const r = await admin.post(`/api/forms/${encodeURIComponent(`test/${file.slice(0, -5)}`)}/revisions`, { schema });
    expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  }
}

/** Beijing wall time → UTC ISO, for readable expectations: bj('2026-10-09 00:00'). */
export const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();

export interface User {
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: object): Promise<{ status: number; body: any }>;
  put(url: string, body?: object): Promise<{ status: number; body: any }>;
}

export async function startScenario(opts: { dataDir?: string; env?: Record<string, string>; packagesRoot?: string } = {}) {
  const p = await startTestPlatform({
    env: { DUBAN_CLOCK: 'manual', ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}), ...opts.env },
    packagesRoot: opts.packagesRoot,
  });
  const users = new Map<string, User>();
  const as = async (username: string): Promise<User> => {
    const cached = users.get(username);
    if (cached) return cached;
    const { agent, csrfToken } = await p.login(username);
    const user: User = {
      get: (url) => agent.get(url),
      post: (url, body = {}) => agent.post(url).set('X-CSRF-Token', csrfToken).send(body),
      put: (url, body = {}) => agent.put(url).set('X-CSRF-Token', csrfToken).send(body),
    };
    users.set(username, user);
    return user;
  };
  const admin = await as('admin');
  return {
    p,
    as,
    admin,
    async setClock(at: string) {
      const r = await admin.post('/api/clock', { set: bj(at) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { now: string; fired: number };
    },
    async advance(duration: string) {
      const r = await admin.post('/api/clock', { advance: duration });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { now: string; fired: number };
    },
    async deploy(file: string, packageId = 'test') {
      const r = await admin.post('/api/definitions', { packageId, xml: fixture(file) });
      expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
      return r.body as { key: string; version: number };
    },
    async caseOf(id: string) {
      const r = await admin.get(`/api/cases/${id}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    },
    close: () => p.close(),
  };
}
export type Scenario = Awaited<ReturnType<typeof startScenario>>;
export type { TestPlatform };
