// Sign-in, sessions and CSRF against the embedded store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.close());

const sid = (res: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('duban.sid='));

describe('sign in and out', () => {
  it('signs in, answers /api/me, signs out', async () => {
    const agent = p.agent();
    const login = await agent.post('/api/session').send({ username: 'admin', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: 'admin', court: 'hi-gy', courtName: '海南省高级人民法院' });
    expect(login.body.user.roles).toEqual(expect.arrayContaining(['系统管理员', '流程管理员']));
    expect(login.body.user.passwordHash).toBeUndefined();
    expect(login.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = sid(login)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'admin' }, csrfToken: login.body.csrfToken });

    expect((await agent.delete('/api/session').set('X-CSRF-Token', login.body.csrfToken)).status).toBe(204);
    const after = await agent.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'unauthenticated', message: '请先登录' });
  });

  it('refuses a wrong password or unknown user with one Chinese message', async () => {
    for (const body of [{ username: 'admin', password: 'wrong-password-1' }, { username: 'nobody', password: 'whatever-123' }]) {
      const res = await p.request().post('/api/session').send(body);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
      expect(sid(res)).toBeUndefined();
    }
    expect((await p.request().post('/api/session').send({})).status).toBe(422);
  });

  it('changes the session id at login (session fixation)', async () => {
    const agent = p.agent();
    const first = await agent.post('/api/session').send({ username: 'hi-gy-chengban', password: TEST_PASSWORD });
    const second = await agent.post('/api/session').send({ username: 'hi-gy-chengban', password: TEST_PASSWORD });
    const a = sid(first)!.split(';')[0];
    const b = sid(second)!.split(';')[0];
    expect(a).not.toBe(b);
    // The old id no longer signs anyone in.
    expect((await p.request().get('/api/me').set('Cookie', a)).status).toBe(401);
    expect((await p.request().get('/api/me').set('Cookie', b)).status).toBe(200);
  });

  it('answers 401 without a session, also for state-changing requests', async () => {
    expect((await p.request().get('/api/users')).status).toBe(401);
    expect((await p.request().post('/api/users').send({})).status).toBe(401);
    expect((await p.request().delete('/api/session')).status).toBe(401);
  });
});

describe('session store', () => {
  it('keeps sessions in MongoDB with a TTL index, and sign-out deletes them', async () => {
    const sessions = p.db.connection.collection('sessions');
    const { agent, csrfToken } = await p.login('hi-gy-ducha');
    const stored = await sessions.find({ 'session.passport.user.u': 'hi-gy-ducha' }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0].expires).toBeInstanceOf(Date);
    const indexes = await sessions.listIndexes().toArray();
    expect(indexes.find((i) => i.key?.expires === 1)?.expireAfterSeconds).toBe(0);
    await agent.delete('/api/session').set('X-CSRF-Token', csrfToken);
    expect(await sessions.countDocuments({ _id: stored[0]._id })).toBe(0);
  });
});

describe('CSRF', () => {
  it('requires the session token on state-changing requests', async () => {
    const { agent, csrfToken } = await p.login('admin');
    const body = { name: '海口中院系统管理员' };
    const missing = await agent.put('/api/users/hi-hk-admin').send(body);
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf');
    const wrong = await agent.put('/api/users/hi-hk-admin').set('X-CSRF-Token', csrfToken.slice(1) + 'x').send(body);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf');
    const other = await p.login('hi-gy-chengban');
    expect((await agent.put('/api/users/hi-hk-admin').set('X-CSRF-Token', other.csrfToken).send(body)).status).toBe(403);
    expect((await agent.put('/api/users/hi-hk-admin').set('X-CSRF-Token', csrfToken).send(body)).status).toBe(200);
  });
});

describe('account lock', () => {
  it('locks after 5 failures for 15 minutes: 429, Retry-After, Chinese message', async () => {
    const attempt = (password: string) => p.request().post('/api/session').send({ username: 'hi-qs-shenpi', password });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password-1')).status).toBe(401);
    const fifth = await attempt('wrong-password-1');
    expect(fifth.status).toBe(429);
    const retry = Number(fifth.headers['retry-after']);
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(fifth.body.error.code).toBe('account_locked');
    expect(fifth.body.error.message).toMatch(/账户已临时锁定，请于 \d\d:\d\d（约 15 分钟后）重试/);
    // The right password does not help while locked.
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    const events = await p.db.connection.collection('auditEvents').find({ target: 'hi-qs-shenpi' }).toArray();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['login_failed', 'account_locked', 'login_refused_locked']));
  });

  it('an administrator password reset lifts the lock', async () => {
    const { agent, csrfToken } = await p.login('admin');
    const res = await agent.put('/api/users/hi-qs-shenpi').set('X-CSRF-Token', csrfToken).send({ password: 'reset-pass-2026' });
    expect(res.status).toBe(200);
    expect(res.body.user.locked).toBe(false);
    await p.login('hi-qs-shenpi', 'reset-pass-2026');
  });
});

describe('per-IP login rate limit', () => {
  it('answers 429 with Retry-After after too many failed logins from one address', async () => {
    const limited = await startTestPlatform({ seed: false, auth: { loginRateLimit: { windowMs: 60_000, limit: 3 } } });
    try {
      const attempt = () => limited.request().post('/api/session').send({ username: 'x-user', password: 'wrong-password-1' });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const blocked = await attempt();
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toMatchObject({ code: 'rate_limited' });
      expect(blocked.body.error.message).toMatch(/登录尝试过于频繁/);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
