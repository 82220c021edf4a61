// Scopes, not just roles (security probe F2: AZ-14, AZ-84…90): every administrative route ×
// administrators of the owning 高院 (own), of a 中院 below it (lower), of a sibling 中院 of the
// same province (foreign court) and of another province's 高院 (foreign province), on objects
// owned by the 高院 and by the 中院. Other roles are refused by role in the other matrices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editJson, sampleFiles, zipOf } from '../unit/packages/fixtures/harness';
import { REPORT_XML } from './helpers/matrix';
import { startTestPlatform, TEST_PASSWORD, type SignedIn, type TestPlatform } from './helpers/testPlatform';

type Where = 'own' | 'lower' | 'foreignCourt' | 'foreignProvince';
const WHERE: Where[] = ['own', 'lower', 'foreignCourt', 'foreignProvince'];
const COURT: Record<Where, string> = { own: 'hi-gy', lower: 'hi-hk-zy', foreignCourt: 'hi-sy-zy', foreignProvince: 'ha-gy' };
const NAME: Record<Where, string> = { own: '海南高院', lower: '海口中院', foreignCourt: '三亚中院', foreignProvince: '河南高院' };
/** A court each actor may open cases against (below its own court). */
const BELOW: Record<Where, string> = { own: 'hi-hk-zy', lower: 'hi-hk-qs', foreignCourt: 'hi-sy-cj', foreignProvince: 'ha-kf-zy' };

let p: TestPlatform;
const as = new Map<Where, SignedIn>();
let seq = 0;

const send = (s: SignedIn, method: 'post' | 'put', url: string, body?: object | Buffer, type?: string) => {
  let req = s.agent[method](url).set('X-CSRF-Token', s.csrfToken);
  if (type) req = req.type(type);
  return body === undefined ? req : req.send(body);
};
const hainanZip = (id: string) => zipOf(editJson(sampleFiles(id), 'manifest.json', (m) => { m.province = '海南省'; }));

beforeAll(async () => {
  p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' } });
  const admins = { own: await p.login('admin'), foreignProvince: await p.login('ha-admin') } as Record<Where, SignedIn>;
  // 中院 process/system administrators can only be created by their 高院 (the rule under test).
  for (const where of WHERE) {
    const username = `scope-${where.toLowerCase()}`;
    const creator = where === 'foreignProvince' ? admins.foreignProvince : admins.own;
    const r = await send(creator, 'post', '/api/users', { username, name: `${NAME[where]}管理员`, court: COURT[where], roles: ['流程管理员', '系统管理员'], password: TEST_PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    as.set(where, await p.login(username));
  }
  // Owned by 海南高院: package `test` (the report diagram) and package `hipkg` (an import).
  expect((await send(as.get('own')!, 'post', '/api/definitions', { packageId: 'test', xml: REPORT_XML })).status).toBe(201);
  expect((await send(as.get('own')!, 'post', '/api/definitions', { packageId: 'test', xml: REPORT_XML.replace('name="结案"', 'name="结案v2"') })).status).toBe(201);
  expect((await send(as.get('own')!, 'post', '/api/packages', await hainanZip('hipkg'), 'application/zip')).status).toBe(201);
  expect((await send(as.get('own')!, 'post', '/api/packages/hipkg/publish')).status).toBe(200);
  // Owned by 海口中院: package `hk-local`, a diagram its own 流程管理员 deployed.
  const hkXml = REPORT_XML.replaceAll('reportSupervision', 'hkLocalReport');
  expect((await send(as.get('lower')!, 'post', '/api/definitions', { packageId: 'hk-local', xml: hkXml })).status).toBe(201);
  expect((await send(as.get('lower')!, 'post', '/api/definitions', { packageId: 'hk-local', xml: hkXml.replace('name="结案"', 'name="结案v2"') })).status).toBe(201);
}, 120_000);
afterAll(() => p?.close());

interface Row {
  name: string;
  call: (s: SignedIn, where: Where) => Promise<{ status: number; body?: unknown }>;
  expected: Record<Where, number>;
}
const deploy = (packageId: string, key: string) => (s: SignedIn) =>
  send(s, 'post', '/api/definitions', { packageId, xml: REPORT_XML.replaceAll('reportSupervision', key).replace('name="结案"', `name="结案${++seq}"`) });
const form = (key: string) => (s: SignedIn) =>
  send(s, 'post', `/api/forms/${encodeURIComponent(key)}/revisions`, { schema: { components: [{ type: 'textfield', key: `f${++seq}`, label: '字段', input: true }] } });

const ROWS: Row[] = [
  // Objects of 海南高院: only 海南高院 (or 最高) administers them.
  { name: 'POST /api/definitions into 海南高院’s package', call: deploy('test', 'reportSupervision'), expected: { own: 201, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'POST /api/definitions/:key/migrate (海南高院’s process)', call: (s) => send(s, 'post', '/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 2, dryRun: true }), expected: { own: 200, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'POST /api/forms/:key/revisions (海南高院’s form)', call: form('test/report'), expected: { own: 201, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'PUT /api/packages/:id/parameters/:p (海南高院’s package)', call: (s) => send(s, 'put', '/api/packages/hipkg/parameters/reportOverdue', { value: `${5 + (++seq % 3)}日` }), expected: { own: 200, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  // 409 "no draft to publish": past the scope check.
  { name: 'POST /api/packages/:id/publish (海南高院’s package)', call: (s) => send(s, 'post', '/api/packages/hipkg/publish'), expected: { own: 409, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  // Objects of 海口中院: its 高院 and itself.
  { name: 'POST /api/definitions into 海口中院’s package', call: deploy('hk-local', 'hkLocalReport'), expected: { own: 201, lower: 201, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'POST /api/definitions/:key/migrate (海口中院’s process)', call: (s) => send(s, 'post', '/api/definitions/hkLocalReport/migrate', { fromVersion: 1, toVersion: 2, dryRun: true }), expected: { own: 200, lower: 200, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'POST /api/forms/:key/revisions (海口中院’s form)', call: form('hk-local/note'), expected: { own: 201, lower: 201, foreignCourt: 403, foreignProvince: 403 } },
  // Importing: a 海南省 package is issued by 海南高院, or by a 中院 for itself (issue 21); never by 河南.
  { name: 'POST /api/packages (a new 海南省 package)', call: async (s) => send(s, 'post', '/api/packages', await hainanZip(`imp${++seq}`), 'application/zip'), expected: { own: 201, lower: 201, foreignCourt: 201, foreignProvince: 403 } },
  { name: 'POST /api/packages (re-import of 海南高院’s package)', call: async (s) => send(s, 'post', '/api/packages', await zipOf(editJson(sampleFiles('hipkg'), 'manifest.json', (m) => { m.province = '海南省'; m.version = `9.${++seq}`; })), 'application/zip'), expected: { own: 201, lower: 403, foreignCourt: 403, foreignProvince: 403 } },
  // Cases run under a package only within its issuer's jurisdiction.
  { name: 'POST /api/cases on 海南高院’s process', call: (s, w) => send(s, 'post', '/api/cases', { process: 'reportSupervision', supervisedCourt: BELOW[w] }), expected: { own: 201, lower: 201, foreignCourt: 201, foreignProvince: 403 } },
  { name: 'POST /api/cases on 海口中院’s process', call: (s, w) => send(s, 'post', '/api/cases', { process: 'hkLocalReport', supervisedCourt: BELOW[w] }), expected: { own: 403, lower: 201, foreignCourt: 403, foreignProvince: 403 } },
  // Platform-wide: 高院 (or 最高) administrators only.
  { name: 'PUT /api/calendar/:year', call: (s) => send(s, 'put', '/api/calendar/2035', { entries: [] }), expected: { own: 200, lower: 403, foreignCourt: 403, foreignProvince: 200 } },
  { name: 'POST /api/clock', call: (s) => send(s, 'post', '/api/clock', { advance: 'PT1S' }), expected: { own: 200, lower: 403, foreignCourt: 403, foreignProvince: 200 } },
  // Users and courts: within the actor's jurisdiction; 流程管理员 granted by a 高院 only.
  { name: 'POST /api/users granting 流程管理员 at the actor’s own court', call: (s, w) => send(s, 'post', '/api/users', { username: `pa-${++seq}`, name: '流程', court: COURT[w], roles: ['流程管理员'], password: TEST_PASSWORD }), expected: { own: 201, lower: 403, foreignCourt: 403, foreignProvince: 201 } },
  { name: 'POST /api/users (承办人 at 琼山法院, below 海口中院)', call: (s) => send(s, 'post', '/api/users', { username: `cb-${++seq}`, name: '承办', court: 'hi-hk-qs', roles: ['承办人'], password: TEST_PASSWORD }), expected: { own: 201, lower: 201, foreignCourt: 403, foreignProvince: 403 } },
  { name: 'PUT /api/users/:username (琼山法院承办人)', call: (s) => send(s, 'put', '/api/users/hi-qs-chengban', { name: '琼山法院承办人' }), expected: { own: 200, lower: 200, foreignCourt: 404, foreignProvince: 404 } },
  { name: 'PUT /api/users/:username (海南高院’s 流程管理员 admin)', call: (s) => send(s, 'put', '/api/users/admin', { name: '海南高院管理员' }), expected: { own: 200, lower: 404, foreignCourt: 404, foreignProvince: 404 } },
  { name: 'PUT /api/courts/:code (琼山法院)', call: (s) => send(s, 'put', '/api/courts/hi-hk-qs', { name: '海口市琼山区人民法院' }), expected: { own: 200, lower: 200, foreignCourt: 404, foreignProvince: 404 } },
];

describe.each(ROWS)('$name', (row) => {
  it.each(WHERE.map((w) => [NAME[w], w] as const))('as 管理员 @ %s', async (_n, where) => {
    const res = await row.call(as.get(where)!, where);
    expect(res.status, JSON.stringify(res.body)).toBe(row.expected[where]);
    if (res.status === 403) expect(JSON.stringify(res.body)).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('what the probe did (F2) no longer works', () => {
  it('AZ-14: a 中院 系统管理员 cannot mint a 流程管理员, nor take over one by resetting its password', async () => {
    const hk = await p.login('hi-hk-admin');
    const r = await send(hk, 'post', '/api/users', { username: 'hk-procadmin', name: 'x', court: 'hi-hk-zy', roles: ['流程管理员'], password: 'Abcdefgh123x' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('流程管理员');
    expect((await send(hk, 'put', '/api/users/scope-lower', { password: 'Abcdefgh123xyz' })).status).toBe(403);
    expect((await send(hk, 'put', '/api/users/hi-qs-chengban', { roles: ['流程管理员'] })).status).toBe(403);
  });
  it('AZ-85/90: 河南’s administrator neither lists nor migrates 海南’s cases', async () => {
    const r = await send(as.get('foreignProvince')!, 'post', '/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 2, dryRun: false });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain('caseNo');
  });
});
