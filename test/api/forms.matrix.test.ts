// The forms and attachments routes × every role, at 海南高院 (whose case it is) and at 河南高院
// (an unrelated court), and anonymous — the same harness as runtime.matrix.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth';
import { anyone, label, only, requester, startMatrix, WHO, withinJurisdiction, type Route, type Who } from './helpers/matrix';
import { pdf } from './helpers/sampleFiles';
import type { SignedIn, TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let sessionOf: (w: Who) => SignedIn | undefined;
let caseId: string;
let taskId: string;
let fileId: string;
let seq = 0;

beforeAll(async () => {
  ({ p, sessionOf, caseId, taskId } = await startMatrix()); // the task: nobody in the matrix may work it
  const handler = await p.login('hi-hk-chengban');
  const up = await handler.agent.post(`/api/attachments?task=${taskId}`).set('X-CSRF-Token', handler.csrfToken).attach('file', pdf(), { filename: 'a.pdf' });
  fileId = up.body.id;
});
afterAll(() => p?.close());

const { send, get } = { send: (...a: Parameters<ReturnType<typeof requester>['send']>) => requester(p).send(...a), get: (...a: Parameters<ReturnType<typeof requester>['get']>) => requester(p).get(...a) };
const schema = () => ({ components: [{ type: 'textfield', key: `f${++seq}`, label: '字段', input: true }] });
const upload = (s: SignedIn | undefined, query: string) =>
  (s?.agent ?? p.agent()).post(`/api/attachments?${query}`).set('X-CSRF-Token', s?.csrfToken ?? 'none').attach('file', pdf(), { filename: '材料.pdf' });
const CASE_UPLOADERS: Role[] = ['承办人', '审查人员', '审批人', '院领导', '流程管理员'];

const ROUTES: Route[] = [
  { name: 'GET /api/forms', call: (s) => get(s, '/api/forms'), expected: anyone(200) },
  { name: 'GET /api/forms/:key', call: (s) => get(s, '/api/forms/test%2Freport'), expected: anyone(200) },
  { name: 'GET /api/forms/:package/:form', call: (s) => get(s, '/api/forms/test/report?revision=1'), expected: anyone(200) },
  { name: 'GET /api/forms/:key/revisions', call: (s) => get(s, '/api/forms/test/report/revisions'), expected: anyone(200) },
  { name: 'POST /api/forms/:key/revisions', call: (s) => send(s, 'post', '/api/forms/test%2Fmatrix/revisions', { schema: schema() }), expected: only(['流程管理员'], 201, 403) }, // 海南高院's package
  { name: 'POST /api/attachments?task=', call: (s) => upload(s, `task=${taskId}`), expected: withinJurisdiction(() => 403) },
  {
    name: 'POST /api/attachments?case=',
    call: (s) => upload(s, `case=${caseId}`),
    expected: (w) => (!w.role ? 401 : w.where === 'unrelated' ? 404 : CASE_UPLOADERS.includes(w.role) ? 201 : 403),
  },
  { name: 'GET /api/attachments/:id', call: (s) => get(s, `/api/attachments/${fileId}`), expected: withinJurisdiction(() => 200) },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(WHO.map((w) => [label(w), w] as const))('as %s', async (_label, who) => {
    const res = await route.call(sessionOf(who));
    expect(res.status, JSON.stringify(res.body)).toBe(route.expected(who));
  });
});
