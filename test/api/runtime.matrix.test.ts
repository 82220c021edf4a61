// Every runtime route (definitions, migration, cases, tasks, clock, deadline, calendar) × every
// role, at 海南高院 (whose case it is) and at 河南高院 (an unrelated court), and anonymous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth';
import { anyone, label, only, REPORT_XML, requester, startMatrix, WHO, withinJurisdiction, type Route, type Who } from './helpers/matrix';
import type { SignedIn, TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let sessionOf: (w: Who) => SignedIn | undefined;
let caseId: string;
let taskId: string;
let seq = 0;

beforeAll(async () => {
  ({ p, sessionOf, caseId, taskId } = await startMatrix()); // the task: nobody of 海南高院 may complete it
});
afterAll(() => p?.close());

const send: ReturnType<typeof requester>['send'] = (...a) => requester(p).send(...a);
const get: ReturnType<typeof requester>['get'] = (...a) => requester(p).get(...a);
const STARTERS: Role[] = ['审查人员', '承办人', '流程管理员'];
const ADMINS: Role[] = ['流程管理员', '系统管理员'];

const ROUTES: Route[] = [
  { name: 'GET /api/definitions', call: (s) => get(s, '/api/definitions'), expected: anyone(200) },
  {
    name: 'POST /api/definitions',
    call: (s) => send(s, 'post', '/api/definitions', { packageId: 'test', xml: REPORT_XML.replace('name="结案"', `name="结案${++seq}"`) }),
    expected: only(['流程管理员'], 201, 403), // package `test` belongs to 海南高院 (scope.matrix.test.ts)
  },
  {
    name: 'POST /api/definitions/:key/migrate',
    call: (s) => send(s, 'post', '/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 2, dryRun: true }),
    expected: only(['流程管理员'], 200, 403),
  },
  {
    name: 'POST /api/cases',
    call: (s) => send(s, 'post', '/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' }),
    expected: only(STARTERS, 201, 403),
  },
  { name: 'GET /api/cases', call: (s) => get(s, '/api/cases'), expected: anyone(200) },
  { name: 'GET /api/cases/:id', call: (s) => get(s, `/api/cases/${caseId}`), expected: withinJurisdiction(() => 200) },
  { name: 'GET /api/tasks', call: (s) => get(s, '/api/tasks'), expected: anyone(200) },
  { name: 'GET /api/tasks?status=done', call: (s) => get(s, '/api/tasks?status=done'), expected: anyone(200) },
  { name: 'GET /api/tasks/:id', call: (s) => get(s, `/api/tasks/${taskId}`), expected: withinJurisdiction(() => 200) },
  {
    name: 'POST /api/tasks/:id/complete',
    call: (s) => send(s, 'post', `/api/tasks/${taskId}/complete`, { data: { result: '已执结' } }),
    expected: withinJurisdiction(() => 403),
  },
  { name: 'GET /api/clock', call: (s) => get(s, '/api/clock'), expected: anyone(200) },
  { name: 'POST /api/clock', call: (s) => send(s, 'post', '/api/clock', { advance: 'PT1S' }), expected: only(['系统管理员'], 200, 200) },
  { name: 'GET /api/deadline', call: (s) => get(s, '/api/deadline?from=2026-09-28&period=P5D'), expected: anyone(200) },
  { name: 'GET /api/calendar/:year', call: (s) => get(s, '/api/calendar/2026'), expected: anyone(200) },
  { name: 'PUT /api/calendar/:year', call: (s) => send(s, 'put', '/api/calendar/2035', { entries: [] }), expected: only(ADMINS, 200, 200) },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(WHO.map((w) => [label(w), w] as const))('as %s', async (_label, who) => {
    const res = await route.call(sessionOf(who));
    expect(res.status, JSON.stringify(res.body)).toBe(route.expected(who));
  });
});

describe('what the allowed answers contain', () => {
  it('an unrelated court’s case list and inbox do not include the case', async () => {
    const s = sessionOf({ role: '督察', where: 'unrelated' });
    expect((await get(s, '/api/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const handler = sessionOf({ role: '承办人', where: 'unrelated' });
    expect(JSON.stringify((await get(handler, '/api/tasks')).body)).not.toContain(caseId);
  });
  it('a 督察 of 海南高院 sees the case but cannot change anything', async () => {
    const s = sessionOf({ role: '督察', where: 'own' });
    expect((await get(s, `/api/cases/${caseId}`)).status).toBe(200);
    expect((await send(s, 'post', `/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(403);
  });
});
