// Sign-in throttling (security probe F4 AU-30, F10 AU-29, F11 AU-34, F12 AU-27): per account and
// per source address, claimed before the password is checked, in real time, with backoff, the
// same answers for unknown accounts, and a 系统管理员's unlock. Real HTTP (supertest on a port);
// addresses come from X-Forwarded-For, trusted from loopback as behind the court's proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let realNow = Date.now();
beforeAll(async () => {
  p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' }, auth: { throttleClock: () => realNow } });
});
afterAll(() => p?.close());

const attempt = (username: string, password: string, ip: string) =>
  p.request().post('/api/session').set('X-Forwarded-For', ip).send({ username, password });
const statuses = async (username: string, ip: string, n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await attempt(username, `wrong-guess-${i}`, ip)).status);
  return out;
};
const checkedPasswords = async (username: string) =>
  p.db.connection.collection('auditEvents').countDocuments({ type: 'login_failed', target: username, 'data.reason': 'wrong_password' });

describe('F12: no username enumeration (AU-27)', () => {
  it('an unknown name and an existing one get the same answers, the lock included', async () => {
    const unknown = await statuses('no-such-user-zz', '10.1.0.1', 7);
    const existing = await statuses('yn-km-chengban', '10.1.0.2', 7);
    expect(unknown).toEqual(existing);
    expect(existing).toEqual([401, 401, 401, 401, 429, 429, 429]);
    const a = await attempt('no-such-user-zz', 'x-wrong-1', '10.1.0.1');
    const b = await attempt('yn-km-chengban', 'x-wrong-1', '10.1.0.2');
    expect(a.body).toEqual(b.body);
  });
});

describe('F10: atomic counting under concurrency (AU-29)', () => {
  it('100 concurrent guesses from 100 addresses: at most 10 passwords checked, the right one (51st and 100th) refused', async () => {
    const burst = await Promise.all([...Array(100)].map((_, i) =>
      attempt('yn-gy-chengban', i === 50 || i === 99 ? TEST_PASSWORD : `guess-${i}-pass`, `10.2.${Math.floor(i / 200)}.${i + 1}`)));
    expect(burst[50].status).toBe(429);
    expect(burst[99].status).toBe(429);
    expect(burst.filter((r) => r.status === 200)).toEqual([]);
    expect(await checkedPasswords('yn-gy-chengban')).toBeLessThanOrEqual(10);
  });
});

describe('F4: locking the administrator out (AU-30)', () => {
  it('the owner, at an address that signed in before, gets in while guesses from elsewhere are locked out', async () => {
    await p.login('admin'); // from 127.0.0.1: a known address of admin from now on
    for (let i = 0; i < 12; i++) await attempt('admin', `not-the-password-${i}`, `10.3.0.${i + 1}`);
    expect((await attempt('admin', TEST_PASSWORD, '10.3.0.99')).status).toBe(429); // a new address: locked
    expect((await p.request().post('/api/session').send({ username: 'admin', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('a lock is measured in real time, not on the manual platform clock, and backs off', async () => {
    const sysadmin = await p.login('admin');
    expect((await sysadmin.agent.post('/api/clock').set('X-CSRF-Token', sysadmin.csrfToken).send({ advance: 'P2D' })).status).toBe(200);
    expect(await statuses('hi-hk-shenpi', '10.4.0.1', 5)).toEqual([401, 401, 401, 401, 429]);
    // Moving the platform clock two days changes nothing…
    expect((await attempt('hi-hk-shenpi', TEST_PASSWORD, '10.4.0.1')).status).toBe(429);
    // …15 real minutes do.
    realNow += 15 * 60_000 + 1000;
    expect((await attempt('hi-hk-shenpi', 'wrong-again-1', '10.4.0.1')).status).toBe(401);
    // The next lock lasts twice as long.
    for (let i = 0; i < 4; i++) await attempt('hi-hk-shenpi', `wrong-more-${i}`, '10.4.0.1');
    const second = await attempt('hi-hk-shenpi', TEST_PASSWORD, '10.4.0.1');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(29 * 60);
    realNow += 15 * 60_000 + 1000;
    expect((await attempt('hi-hk-shenpi', TEST_PASSWORD, '10.4.0.1')).status).toBe(429);
    realNow += 15 * 60_000 + 1000;
    expect((await attempt('hi-hk-shenpi', TEST_PASSWORD, '10.4.0.1')).status).toBe(200);
  });

  it('a 系统管理员 unlocks an account at once', async () => {
    expect(await statuses('hi-hk-chengban', '10.5.0.1', 5)).toEqual([401, 401, 401, 401, 429]);
    const sysadmin = await p.login('hi-hk-admin');
    const listed = await sysadmin.agent.get('/api/users/hi-hk-chengban');
    expect(listed.body.user.locked).toBe(true);
    const r = await sysadmin.agent.put('/api/users/hi-hk-chengban').set('X-CSRF-Token', sysadmin.csrfToken).send({ unlock: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user.locked).toBe(false);
    expect((await attempt('hi-hk-chengban', TEST_PASSWORD, '10.5.0.1')).status).toBe(200);
    const events = await p.db.connection.collection('auditEvents').find({ type: 'account_unlocked', target: 'hi-hk-chengban' }).toArray();
    expect(events[0]).toMatchObject({ actor: 'hi-hk-admin' });
  });
});

describe('F11: PUT /api/me/password counts like a sign-in (AU-34)', () => {
  it('the 5th wrong current password locks; the right one is refused while locked', async () => {
    const s = await p.login('hi-hs-chengban');
    const change = (currentPassword: string) => s.agent.put('/api/me/password').set('X-CSRF-Token', s.csrfToken)
      .send({ currentPassword, newPassword: 'Another-Pass-2026y' });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await change(`guess-${i}-x`)).status);
    expect(answers).toEqual([422, 422, 422, 422, 429, 429]);
    expect((await change(TEST_PASSWORD)).status).toBe(429);
  });
});
