// What happens to existing sessions when an account changes: disabled, moved, new password.
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
beforeAll(async () => {
  // A stand-in for the cases capability: a "case" between two courts, guarded by assertCanSeeCase.
  p = await startTestPlatform({
    apiRoutes: ({ auth }) => [
      Router().get('/test-cases/:sup/:sub', auth.requireUser, async (req, res) => {
        await auth.assertCanSeeCase(req.user, { supervisingCourt: String(req.params.sup), supervisedCourt: String(req.params.sub) });
        res.json({ ok: true });
      }),
      // The Guards contract (server/http/actor.ts) as cases/tasks routes use it.
      Router().get('/test-guards/:court', auth.guards.requireUser, auth.guards.requireRole('承办人', '系统管理员'), async (req, res) => {
        const actor = auth.guards.actor(req);
        res.json({
          actor,
          reach: await auth.guards.canReachCourt(actor, String(req.params.court)),
          assigned: auth.guards.matchesAssignment(actor, { court: actor.court, role: '承办人' }),
        });
      }),
    ],
  });
});
afterAll(() => p?.close());

async function admin() {
  const { agent, csrfToken } = await p.login('admin');
  return (username: string, body: object) => agent.put(`/api/users/${username}`).set('X-CSRF-Token', csrfToken).send(body);
}

describe('account changes reach existing sessions at the next request', () => {
  it('a disabled user is signed out and cannot sign in', async () => {
    const user = await p.login('hi-gy-shencha');
    expect((await user.agent.get('/api/me')).status).toBe(200);
    expect((await (await admin())('hi-gy-shencha', { disabled: true })).status).toBe(200);
    expect((await user.agent.get('/api/me')).status).toBe(401);
    const again = await p.request().post('/api/session').send({ username: 'hi-gy-shencha', password: TEST_PASSWORD });
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'account_disabled', message: '账户已停用，请联系系统管理员' });
    const types = (await p.db.connection.collection('auditEvents').find({ target: 'hi-gy-shencha' }).toArray()).map((e) => e.type);
    expect(types).toContain('user_disabled');
  });

  it('a user moved to another court loses the old court’s cases and users', async () => {
    const moved = await p.login('hi-hk-admin'); // 系统管理员 of 海口中院
    expect((await moved.agent.get('/api/test-cases/hi-hk-zy/hi-hk-qs')).status).toBe(200);
    expect((await moved.agent.get('/api/users/hi-qs-chengban')).status).toBe(200);
    expect((await (await admin())('hi-hk-admin', { court: 'hi-sy-zy' })).status).toBe(200);
    const me = await moved.agent.get('/api/me');
    expect(me.body.user).toMatchObject({ court: 'hi-sy-zy', courtName: '三亚市中级人民法院' });
    expect((await moved.agent.get('/api/test-cases/hi-hk-zy/hi-hk-qs')).status).toBe(404);
    expect((await moved.agent.get('/api/users/hi-qs-chengban')).status).toBe(404);
    expect((await moved.agent.get('/api/test-cases/hi-sy-zy/hi-sy-cj')).status).toBe(200);
  });

  it('a password change ends the other sessions and keeps this one under a new id', async () => {
    const a = await p.login('hi-hk-shenpi');
    const b = await p.login('hi-hk-shenpi');
    const weak = await a.agent.put('/api/me/password').set('X-CSRF-Token', a.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: 'short1' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.map((d: { message: string }) => d.message)).toContain('密码长度不能少于 10 位');
    const wrong = await a.agent.put('/api/me/password').set('X-CSRF-Token', a.csrfToken).send({ currentPassword: 'nope', newPassword: 'newpass-2026' });
    expect(wrong.status).toBe(422);
    const ok = await a.agent.put('/api/me/password').set('X-CSRF-Token', a.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: 'newpass-2026' });
    expect(ok.status).toBe(200);
    expect(ok.body.csrfToken).not.toBe(a.csrfToken);
    expect((await a.agent.get('/api/me')).status).toBe(200);
    expect((await b.agent.get('/api/me')).status).toBe(401);
    await p.login('hi-hk-shenpi', 'newpass-2026');
  });
});

describe('case visibility (assertCanSeeCase)', () => {
  it('supervising, supervised and ancestor courts see; others get 404', async () => {
    const see = async (username: string) => (await (await p.login(username)).agent.get('/api/test-cases/hi-gy/hi-hk-hs')).status;
    expect(await see('hi-gy-chengban')).toBe(200);
    expect(await see('hi-hs-chengban')).toBe(200);
    expect(await see('hi-hk-chengban')).toBe(404);
    expect(await see('ha-admin')).toBe(404);
  });
});

describe('Guards contract (server/http/actor.ts)', () => {
  it('answers actor, canReachCourt and matchesAssignment from the live user', async () => {
    const gy = await p.login('hi-gy-chengban');
    const res = await gy.agent.get('/api/test-guards/hi-hk-qs');
    expect(res.body).toEqual({
      actor: { username: 'hi-gy-chengban', name: '海南高院承办人', court: 'hi-gy', roles: ['承办人'] },
      reach: true,
      assigned: true,
    });
    expect((await gy.agent.get('/api/test-guards/ha-kf-lk')).body.reach).toBe(false);
    const hk = await p.login('hi-hk-chengban');
    expect((await hk.agent.get('/api/test-guards/hi-gy')).body.reach).toBe(false);
    expect((await hk.agent.get('/api/test-guards/hi-hk-zy')).body.reach).toBe(true);
    expect((await (await p.login('hi-gy-ducha')).agent.get('/api/test-guards/hi-gy')).status).toBe(403);
    expect((await p.request().get('/api/test-guards/hi-gy')).status).toBe(401);
  });
});
