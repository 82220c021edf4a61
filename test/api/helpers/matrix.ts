// The permission matrix harness: one user per role at 海南高院 (where the data is) and at
// 河南高院 (an unrelated court), plus no session; a route table says what each must get.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROLES, type Role } from '../../../server/auth';
import { startTestPlatform, TEST_PASSWORD, type SignedIn, type TestPlatform } from './testPlatform';

const ASCII: Record<Role, string> = {
  系统管理员: 'sysadmin', 流程管理员: 'procadmin', 承办人: 'chengban', 审查人员: 'shencha', 审批人: 'shenpi', 院领导: 'lingdao', 督察: 'ducha',
};
export type Where = 'own' | 'unrelated';
export interface Who {
  role: Role | null; // null: no session
  where: Where;
}
export const WHO: Who[] = [
  ...ROLES.map((role) => ({ role, where: 'own' as const })),
  ...ROLES.map((role) => ({ role, where: 'unrelated' as const })),
  { role: null, where: 'own' },
];
export const label = (w: Who) => (w.role ? `${w.role} @ ${w.where === 'own' ? '海南高院' : '河南高院'}` : 'anonymous');

/** Any signed-in user gets `status`. */
export const anyone = (status: number) => (w: Who) => (w.role ? status : 401);
/** `allowed` roles get `own` at 海南高院 and `unrelated` at 河南高院; other roles 403. */
export const only = (allowed: Role[], own: number, unrelated: number) => (w: Who) =>
  !w.role ? 401 : !allowed.includes(w.role) ? 403 : w.where === 'own' ? own : unrelated;
/** Data of 海南: every role of 海南高院 gets `own`; any role of 河南高院 404 (it does not exist for them). */
export const withinJurisdiction = (own: (role: Role) => number) => (w: Who) =>
  !w.role ? 401 : w.where === 'own' ? own(w.role) : 404;

export interface Route {
  name: string;
  call: (s: SignedIn | undefined) => Promise<{ status: number; body?: unknown }>;
  expected: (w: Who) => number;
}

/** Creates the 14 users (one per role and court) and signs each in. */
export async function signInMatrix(p: TestPlatform): Promise<(w: Who) => SignedIn | undefined> {
  const signedIn = new Map<string, SignedIn>();
  for (const [where, adminName, court] of [['own', 'admin', 'hi-gy'], ['unrelated', 'ha-admin', 'ha-gy']] as const) {
    const admin = await p.login(adminName);
    for (const role of ROLES) {
      const username = `${where === 'own' ? 'hi' : 'ha'}-m-${ASCII[role]}`;
      const res = await admin.agent.post('/api/users').set('X-CSRF-Token', admin.csrfToken)
        .send({ username, name: role, court, roles: [role], password: TEST_PASSWORD });
      if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      signedIn.set(`${where}:${role}`, await p.login(username));
    }
  }
  return (w) => (w.role ? signedIn.get(`${w.where}:${w.role}`) : undefined);
}

export function requester(p: TestPlatform) {
  const send = (s: SignedIn | undefined, method: 'post' | 'put' | 'delete', url: string, body?: object | string, type?: string) => {
    const agent = s?.agent ?? p.agent();
    let req = agent[method](url).set('X-CSRF-Token', s?.csrfToken ?? 'none');
    if (type) req = req.type(type);
    return body === undefined ? req : req.send(body);
  };
  const get = (s: SignedIn | undefined, url: string) => (s?.agent ?? p.agent()).get(url);
  return { send, get };
}

export const REPORT_XML = readFileSync(path.join(import.meta.dirname, '../../scenarios/fixtures/report-supervision.bpmn'), 'utf8');

/**
 * The matrix's platform: the users of signInMatrix, the report diagram deployed, and one case of
 * 海南高院 against 海口中院, whose task goes to 海口中院 承办人 (nobody in the matrix).
 */
export async function startMatrix() {
  const p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' } });
  const sessionOf = await signInMatrix(p);
  const admin = await p.login('admin');
  const deployed = await admin.agent.post('/api/definitions').set('X-CSRF-Token', admin.csrfToken).send({ packageId: 'test', xml: REPORT_XML });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
  const starter = await p.login('hi-gy-chengban');
  const c = await starter.agent.post('/api/cases').set('X-CSRF-Token', starter.csrfToken)
    .send({ process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return { p, sessionOf, caseId: c.body.case.id as string, taskId: c.body.tasks[0].id as string };
}
