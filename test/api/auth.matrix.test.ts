// Every user/court route × every role, at 海南高院 (the data's court) and at 河南高院 (an
// unrelated court), and without a session. The expected statuses are README.md's matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth';
import { anyone, label, only, requester, signInMatrix, WHO, type Route, type Who } from './helpers/matrix';
import { startTestPlatform, TEST_PASSWORD, type SignedIn, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let sessionOf: (w: Who) => SignedIn | undefined;
let seq = 0;
beforeAll(async () => {
  p = await startTestPlatform();
  sessionOf = await signInMatrix(p);
});
afterAll(() => p?.close());

const READERS: Role[] = ['系统管理员', '流程管理员', '院领导', '督察'];
const send: ReturnType<typeof requester>['send'] = (...a) => requester(p).send(...a);
const get: ReturnType<typeof requester>['get'] = (...a) => requester(p).get(...a);

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
    const res = await get(sessionOf({ role: '督察', where: 'unrelated' }), '/api/users');
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
    const s = sessionOf({ role: '系统管理员', where: 'own' })!;
    expect((await send(s, 'put', '/api/users/hi-m-sysadmin', { disabled: true })).status).toBe(422);
    expect((await send(s, 'put', '/api/users/hi-m-sysadmin', { roles: ['承办人'] })).status).toBe(422);
  });
  it('user input is validated with Chinese messages', async () => {
    const s = sessionOf({ role: '系统管理员', where: 'own' })!;
    const res = await send(s, 'post', '/api/users', { username: 'weakuser', name: '弱', court: 'hi-gy', roles: ['承办人'], password: 'weakuser1' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual(['密码长度不能少于 10 位', '密码不能包含用户名']);
    const bad = await send(s, 'post', '/api/users', { username: '1x', name: '', court: 'hi-gy', roles: ['法官'], password: TEST_PASSWORD });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['username', 'name', 'roles.0']);
    expect((await send(s, 'post', '/api/users', { username: 'admin', name: 'x', court: 'hi-gy', roles: ['承办人'], password: TEST_PASSWORD })).status).toBe(409);
  });
});
