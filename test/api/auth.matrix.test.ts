// Every user/court route × every role, at 海南高院 (the data's court) and at 河南高院 (an
// unrelated court), and without a session. The expected statuses are README.md's matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/auth';
import { startTestPlatform, TEST_PASSWORD, type SignedIn, type TestPlatform } from './helpers/testPlatform';

const ASCII: Record<Role, string> = {
  系统管理员: 'sysadmin', 流程管理员: 'procadmin', 承办人: 'chengban', 审查人员: 'shencha', 审批人: 'shenpi', 院领导: 'lingdao', 督察: 'ducha',
};
type Where = 'own' | 'unrelated';
interface Who {
  role: Role | null; // null: no session
  where: Where;
}
const WHO: Who[] = [
  ...ROLES.map((role) => ({ role, where: 'own' as const })),
  ...ROLES.map((role) => ({ role, where: 'unrelated' as const })),
  { role: null, where: 'own' },
];
const label = (w: Who) => (w.role ? `${w.role} @ ${w.where === 'own' ? '海南高院' : '河南高院'}` : 'anonymous');

let p: TestPlatform;
const signedIn = new Map<string, SignedIn>();
const sessionOf = (w: Who) => (w.role ? signedIn.get(`${w.where}:${w.role}`) : undefined);
let seq = 0;
beforeAll(async () => {
  p = await startTestPlatform();
  for (const [where, adminName, court] of [['own', 'admin', 'hi-gy'], ['unrelated', 'ha-admin', 'ha-gy']] as const) {
    const admin = await p.login(adminName);
    for (const role of ROLES) {
      const username = `${where === 'own' ? 'hi' : 'ha'}-m-${ASCII[role]}`;
      const res = await admin.agent.post('/api/users').set('X-CSRF-Token', admin.csrfToken)
        .send({ username, name: role, court, roles: [role], password: TEST_PASSWORD });
      expect(res.status).toBe(201);
      signedIn.set(`${where}:${role}`, await p.login(username));
    }
  }
});
afterAll(() => p?.close());

const READERS: Role[] = ['系统管理员', '流程管理员', '院领导', '督察'];
/** Any signed-in user gets `status`. */
const anyone = (status: number) => (w: Who) => (w.role ? status : 401);
/** `allowed` roles get `own` at 海南高院 and `unrelated` at 河南高院; other roles 403. */
const only = (allowed: Role[], own: number, unrelated: number) => (w: Who) =>
  !w.role ? 401 : !allowed.includes(w.role) ? 403 : w.where === 'own' ? own : unrelated;

interface Route {
  name: string;
  call: (s: SignedIn | undefined) => Promise<{ status: number; body?: unknown }>;
  expected: (w: Who) => number;
}
const send = (s: SignedIn | undefined, method: 'post' | 'put' | 'delete', url: string, body?: object | string, type?: string) => {
  const agent = s?.agent ?? p.agent();
  let req = agent[method](url).set('X-CSRF-Token', s?.csrfToken ?? 'none');
  if (type) req = req.type(type);
  return body === undefined ? req : req.send(body);
};
const get = (s: SignedIn | undefined, url: string) => (s?.agent ?? p.agent()).get(url);

const ROUTES: Route[] = [
  { name: 'GET /api/me', call: (s) => get(s, '/api/me'), expected: anyone(200) },
  { name: 'GET /api/courts', call: (s) => get(s, '/api/courts'), expected: anyone(200) },
  {
    name: 'POST /api/courts',
    call: (s) => send(s, 'post', '/api/courts', { code: `hi-new-${++seq}`, name: `海口新区人民法院${seq}`, level: '基层', parent: 'hi-hk-zy', province: '海南省' }),
    expected: only(['系统管理员'], 201, 403),
  },
  { name: 'PUT /api/courts/:code', call: (s) => send(s, 'put', '/api/courts/hi-hk-qs', { name: '海口市琼山区人民法院' }), expected: only(['系统管理员'], 200, 404) },
  {
    name: 'POST /api/courts/import',
    call: (s) => send(s, 'post', '/api/courts/import', `code,name,level,parent,province\nhi-imp-${++seq},海口导入法院${seq},基层,hi-hk-zy,海南省\n`, 'text/csv'),
    expected: only(['系统管理员'], 200, 422),
  },
  { name: 'GET /api/users', call: (s) => get(s, '/api/users'), expected: only(READERS, 200, 200) },
  { name: 'GET /api/users/:username', call: (s) => get(s, '/api/users/hi-gy-chengban'), expected: only(READERS, 200, 404) },
  {
    name: 'POST /api/users',
    call: (s) => send(s, 'post', '/api/users', { username: `new-${++seq}`, name: '新用户', court: 'hi-hk-qs', roles: ['承办人'], password: TEST_PASSWORD }),
    expected: only(['系统管理员'], 201, 403),
  },
  { name: 'PUT /api/users/:username', call: (s) => send(s, 'put', '/api/users/hi-qs-chengban', { name: '琼山法院承办人' }), expected: only(['系统管理员'], 200, 404) },
  {
    name: 'PUT /api/me/password',
    call: (s) => send(s, 'put', '/api/me/password', { currentPassword: 'wrong', newPassword: 'x' }),
    expected: anyone(422),
  },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(WHO.map((w) => [label(w), w] as const))('as %s', async (_label, who) => {
    const res = await route.call(sessionOf(who));
    expect(res.status, JSON.stringify(res.body)).toBe(route.expected(who));
  });
});

describe('jurisdiction inside the allowed routes', () => {
  it('a user of an unrelated court lists only their own province’s users', async () => {
    const res = await get(signedIn.get('unrelated:督察'), '/api/users');
    const courts = new Set(res.body.users.map((u: { court: string }) => u.court));
    expect([...courts].every((c) => String(c).startsWith('ha-'))).toBe(true);
    expect(courts.has('ha-kf-lk')).toBe(true);
  });
  it('a 中院 系统管理员 manages its 基层 courts but not its 高院', async () => {
    const s = await p.login('hi-hk-admin');
    expect((await send(s, 'put', '/api/users/hi-qs-chengban', { roles: ['承办人', '审查人员'] })).status).toBe(200);
    expect((await send(s, 'put', '/api/users/admin', { disabled: true })).status).toBe(404);
    expect((await send(s, 'post', '/api/users', { username: 'gy-x', name: '高院', court: 'hi-gy', roles: ['承办人'], password: TEST_PASSWORD })).status).toBe(403);
    expect((await send(s, 'put', '/api/users/hi-qs-chengban', { court: 'hi-gy' })).status).toBe(403);
    const audit = await p.db.connection.collection('auditEvents').findOne({ type: 'role_changed', target: 'hi-qs-chengban' });
    expect(audit?.data).toEqual({ from: ['承办人'], to: ['承办人', '审查人员'] });
  });
  it('a 系统管理员 cannot disable themselves or drop their own role', async () => {
    const s = signedIn.get('own:系统管理员')!;
    expect((await send(s, 'put', '/api/users/hi-m-sysadmin', { disabled: true })).status).toBe(422);
    expect((await send(s, 'put', '/api/users/hi-m-sysadmin', { roles: ['承办人'] })).status).toBe(422);
  });
  it('user input is validated with Chinese messages', async () => {
    const s = signedIn.get('own:系统管理员')!;
    const res = await send(s, 'post', '/api/users', { username: 'weakuser', name: '弱', court: 'hi-gy', roles: ['承办人'], password: 'weakuser1' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual(['密码长度不能少于 10 位', '密码不能包含用户名']);
    const bad = await send(s, 'post', '/api/users', { username: '1x', name: '', court: 'hi-gy', roles: ['法官'], password: TEST_PASSWORD });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['username', 'name', 'roles.0']);
    expect((await send(s, 'post', '/api/users', { username: 'admin', name: 'x', court: 'hi-gy', roles: ['承办人'], password: TEST_PASSWORD })).status).toBe(409);
  });
});
