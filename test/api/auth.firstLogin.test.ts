// First sign-in with a password someone else chose (issue 12, issue 23): an account a
// 系统管理员 created or reset, or a demo account under DUBAN_DEMO=on, does nothing but change
// its password; npm start's demo (DUBAN_DEMO=open) keeps its known password working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './helpers/testPlatform';

const INITIAL = 'Initial-pass-2026';

async function rawLogin(p: TestPlatform, username: string, password: string) {
  const agent = p.agent();
  const res = await agent.post('/api/session').send({ username, password });
  return { agent, res, csrf: res.body.csrfToken as string };
}

describe('DUBAN_DEMO=open: accounts created by an administrator', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(() => p?.close());

  it('the demo accounts are not asked to change their password', async () => {
    const { res } = await rawLogin(p, 'admin', TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(false);
  });

  it('a new account may do nothing but change its initial password, then works normally', async () => {
    const admin = await p.login('admin');
    const created = await admin.agent.post('/api/users').set('X-CSRF-Token', admin.csrfToken)
      .send({ username: 'hi-new-user', name: '新用户', court: 'hi-gy', roles: ['承办人'], password: INITIAL });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.user.mustChangePassword).toBe(true);

    const { agent, res, csrf } = await rawLogin(p, 'hi-new-user', INITIAL);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'hi-new-user', mustChangePassword: true });
    for (const url of ['/api/cases', '/api/tasks', '/api/users/hi-new-user', '/api/stats/overview']) {
      const r = await agent.get(url);
      expect(r.status, url).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'password_change_required', message: '您正在使用管理员设置的初始密码，请先修改密码后再继续使用' });
    }
    const start = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ process: 'x', supervisedCourt: 'hi-hk-zy' });
    expect(start.status).toBe(403);
    expect(start.body.error.code).toBe('password_change_required');
    expect((await agent.get('/api/me')).body.user.mustChangePassword).toBe(true);

    const same = await agent.put('/api/me/password').set('X-CSRF-Token', csrf).send({ currentPassword: INITIAL, newPassword: INITIAL });
    expect(same.status).toBe(422);
    expect(same.body.error.message).toBe('新密码不能与当前密码相同');
    const wrong = await agent.put('/api/me/password').set('X-CSRF-Token', csrf).send({ currentPassword: 'not-it-2026', newPassword: 'Chosen-pass-2026' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toBe('当前密码不正确');

    const changed = await agent.put('/api/me/password').set('X-CSRF-Token', csrf).send({ currentPassword: INITIAL, newPassword: 'Chosen-pass-2026' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    const after = await agent.get('/api/cases');
    expect(after.status).toBe(200);
    expect((await rawLogin(p, 'hi-new-user', INITIAL)).res.status).toBe(401);
    expect((await rawLogin(p, 'hi-new-user', 'Chosen-pass-2026')).res.body.user.mustChangePassword).toBe(false);
    const listed = await admin.agent.get('/api/users/hi-new-user');
    expect(listed.body.user.mustChangePassword).toBe(false);
  });

  it('a password reset by an administrator is another initial password; one reset by themselves is not', async () => {
    const admin = await p.login('admin');
    const reset = await admin.agent.put('/api/users/hi-new-user').set('X-CSRF-Token', admin.csrfToken).send({ password: 'Reset-pass-2026' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const { agent, res } = await rawLogin(p, 'hi-new-user', 'Reset-pass-2026');
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await agent.get('/api/cases')).status).toBe(403);

    const own = await admin.agent.put('/api/users/admin').set('X-CSRF-Token', admin.csrfToken).send({ password: 'Mine-own-2026' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect((await rawLogin(p, 'admin', 'Mine-own-2026')).res.body.user.mustChangePassword).toBe(false);
  });
});

describe('DUBAN_DEMO=on: a trial installation', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { DUBAN_DEMO: 'on' } });
  });
  afterAll(() => p?.close());

  it('demo accounts must change the known password at first sign-in', async () => {
    const { agent, res, csrf } = await rawLogin(p, 'hi-gy-chengban', TEST_PASSWORD);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await agent.get('/api/cases')).body.error.code).toBe('password_change_required');
    const changed = await agent.put('/api/me/password').set('X-CSRF-Token', csrf).send({ currentPassword: TEST_PASSWORD, newPassword: 'Chengban-own-2026' });
    expect(changed.status).toBe(200);
    expect((await agent.get('/api/cases')).status).toBe(200);
  });
});
