// Drafts on the server, publish with a diff and the migration dry run, version history and
// rollback — on the shipped Hainan package. Refusals: another province's administrator (403, the shared scope guard),
// a role without 流程管理员 (403), a save from a stale copy (409), publishing a draft based on
// an older version (409, then rebase), a rebase conflict (409), an unchanged republish (no-op).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_PACKAGES_ROOT } from '../../server/platform/createPlatform';
import { startTestPlatform, type SignedIn, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let admin: SignedIn;
let adminElsewhere: SignedIn; // the same administrator in another browser
let foreign: SignedIn; // 河南高院 流程管理员
let handler: SignedIn; // 海南高院 承办人
let caseId: string;

const send = (s: SignedIn, method: 'post' | 'put' | 'delete', url: string, body?: object) =>
  s.agent[method](url).set('X-CSRF-Token', s.csrfToken).send(body);
const get = (s: SignedIn, url: string) => s.agent.get(url);

beforeAll(async () => {
  p = await startTestPlatform({ packagesRoot: SHIPPED_PACKAGES_ROOT, env: { DUBAN_CLOCK: 'manual' } });
  [admin, adminElsewhere, foreign, handler] = [await p.login('admin'), await p.login('admin'), await p.login('ha-admin'), await p.login('hi-gy-chengban')];
  const shencha = await p.login('hi-gy-shencha');
  const c = await send(shencha, 'post', '/api/cases', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: { complaintReceivedAt: '2026-12-01', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执123号', parties: '申请执行人张三，被执行人海口某公司' } });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  caseId = c.body.case.id;
}, 120_000);
afterAll(() => p?.close());

/** The draft with the 审查信访材料 deadline (diagram and manifest) set to `value`. */
function withReviewDeadline(content: any, value: string) {
  const from = content.manifest.parameters.find((x: any) => x.id === 'complaintReviewPeriod').value;
  const diagrams = { ...content.diagrams, 'supervision.bpmn': content.diagrams['supervision.bpmn'].replace(`camunda:dueDate="${from}"`, `camunda:dueDate="${value}"`) };
  const parameters = content.manifest.parameters.map((x: any) => (x.id === 'complaintReviewPeriod' ? { ...x, value, label: '审查信访材料期限' } : x));
  expect(diagrams['supervision.bpmn']).toContain(`camunda:dueDate="${value}"`);
  return { ...content, manifest: { ...content.manifest, parameters }, diagrams };
}

describe('package drafts on the server', () => {
  it('refuses another province and other roles, before any draft exists and after', async () => {
    expect((await send(foreign, 'post', '/api/packages/hainan/draft')).status).toBe(403);
    expect((await send(handler, 'post', '/api/packages/hainan/draft')).status).toBe(403);
    const opened = await send(admin, 'post', '/api/packages/hainan/draft');
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.draft).toMatchObject({ id: 'hainan', baseVersion: 1, liveVersion: 1, stale: false, revision: 1 });
    expect(Object.keys(opened.body.draft.content.diagrams)).toContain('supervision.bpmn');
    expect(Object.keys(opened.body.draft.content.forms)).toHaveLength(opened.body.draft.content.manifest.forms.length);
    expect(Object.keys(opened.body.draft.content.forms).length).toBeGreaterThanOrEqual(52);
    for (const [method, url] of [['get', '/api/packages/hainan/draft'], ['get', '/api/packages/hainan/draft/diff'], ['post', '/api/packages/hainan/draft/publish'],
      ['post', '/api/packages/hainan/draft/rebase'], ['delete', '/api/packages/hainan/draft'], ['get', '/api/packages/hainan/history'],
      ['get', '/api/packages/hainan/diff?from=1&to=1'], ['post', '/api/packages/hainan/rollback']] as const) {
      const r = method === 'get' ? await get(foreign, url) : await send(foreign, method, url, { version: 1 });
      expect(r.status, `${method} ${url}`).toBe(403);
      expect(r.body.error.message).toBe('程序包「hainan」属于海南省高级人民法院，不在您所在法院的管理范围内');
    }
    const put = await send(foreign, 'put', '/api/packages/hainan/draft', { content: opened.body.draft.content, revision: 1 });
    expect(put.status).toBe(403);
    expect((await get(foreign, '/api/package-drafts')).body.drafts).toEqual([]);
    expect((await get(handler, '/api/packages/hainan/draft')).status).toBe(403);
  });

  it('is the same draft in another browser; a save from a stale copy is refused with 409', async () => {
    const elsewhere = (await get(adminElsewhere, '/api/packages/hainan/draft')).body.draft;
    expect(elsewhere.revision).toBe(1);
    const saved = await send(admin, 'put', '/api/packages/hainan/draft', { content: withReviewDeadline(elsewhere.content, '7个工作日 自 complaintReceivedAt'), revision: 1 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.draft).toMatchObject({ revision: 2, updatedBy: { username: 'admin', name: '海南高院管理员' } });
    const stale = await send(adminElsewhere, 'put', '/api/packages/hainan/draft', { content: elsewhere.content, revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/草稿已被海南高院管理员于 .* 修改/);
    const reread = (await get(adminElsewhere, '/api/packages/hainan/draft')).body.draft;
    expect(reread.content.manifest.parameters.find((x: any) => x.id === 'complaintReviewPeriod').value).toBe('7个工作日 自 complaintReceivedAt');
    expect((await get(admin, '/api/package-drafts')).body.drafts).toEqual([expect.objectContaining({ id: 'hainan', revision: 2, stale: false, title: '海南法院执行案件督办' })]);
  });

  it('refuses bad content with a Chinese 400 and changes nothing', async () => {
    const bad = await send(admin, 'put', '/api/packages/hainan/draft', { content: { manifest: { id: 'hainan' }, articles: {}, diagrams: { '../x.bpmn': '' }, forms: {} }, revision: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/草稿内容格式不正确/);
    const other = await send(admin, 'put', '/api/packages/hainan/draft', { content: { manifest: { id: 'jilin' }, articles: {}, diagrams: {}, forms: {} }, revision: 2 });
    expect(other.status).toBe(400);
    expect((await get(admin, '/api/packages/hainan/draft')).body.draft.revision).toBe(2);
  });

  it('shows the diff against the live version: the deadline old → new and the element changed', async () => {
    const r = await get(admin, '/api/packages/hainan/draft/diff');
    expect(r.status).toBe(200);
    expect(r.body.diff.empty).toBe(false);
    expect(r.body.diff.deadlines).toEqual([expect.objectContaining({ id: 'complaintReviewPeriod', change: 'changed', from: '5日 自 complaintReceivedAt', to: '7个工作日 自 complaintReceivedAt', labelFrom: '审查信访材料期限（五日内）' })]);
    expect(r.body.diff.elements).toEqual([expect.objectContaining({ id: 'reviewComplaint', name: '审查信访材料', type: '用户任务', change: 'changed' })]);
    expect(r.body.diff.forms).toEqual([]);
  });

  it('refuses to publish a draft based on an older version (409), then rebases and publishes with the migration dry run', async () => {
    // Meanwhile another deadline is changed in 期限一览: version 2 is live.
    const param = await send(admin, 'put', '/api/packages/hainan/parameters/supervisionLetterPeriod', { value: '5日' });
    expect(param.status, JSON.stringify(param.body)).toBe(200);
    expect(param.body.version).toBe(2);
    const refused = await send(admin, 'post', '/api/packages/hainan/draft/publish', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('stale_draft');
    expect(refused.body.error.message).toMatch(/草稿基于版本 1，平台现行版本已是 2（由海南高院管理员于 .*发布）.*合并到现行版本/);
    expect((await get(admin, '/api/packages/hainan')).body.package.version).toBe(2);

    const rebased = await send(admin, 'post', '/api/packages/hainan/draft/rebase');
    expect(rebased.status, JSON.stringify(rebased.body)).toBe(200);
    expect(rebased.body.draft).toMatchObject({ baseVersion: 2, stale: false });
    const values = Object.fromEntries(rebased.body.draft.content.manifest.parameters.map((x: any) => [x.id, x.value]));
    expect(values).toMatchObject({ complaintReviewPeriod: '7个工作日 自 complaintReceivedAt', supervisionLetterPeriod: '5日' });
    const xml = rebased.body.draft.content.diagrams['supervision.bpmn'];
    expect(xml).toMatch(/id="issueSupervisionLetter"[^>]*camunda:dueDate="5日"/);
    expect(xml).toContain('camunda:dueDate="7个工作日 自 complaintReceivedAt"');

    const published = await send(admin, 'post', '/api/packages/hainan/draft/publish', { revision: rebased.body.draft.revision });
    expect(published.status, JSON.stringify(published.body).slice(0, 2000)).toBe(200);
    expect(published.body).toMatchObject({ unchanged: false, version: 3 });
    expect(published.body.diff.deadlines.map((d: any) => d.id)).toEqual(['complaintReviewPeriod']);
    const migration = published.body.migrations.find((m: any) => m.key === 'hainanSupervision');
    expect(migration).toMatchObject({ dryRun: true, fromVersions: [1, 2] });
    const entry = migration.cases.find((c: any) => c.caseId === caseId);
    expect(entry).toMatchObject({ status: 'would-migrate', fromVersion: 1 });
    expect(entry.changes.find((c: any) => c.element === 'reviewComplaint')).toBeTruthy();
    expect((await get(admin, '/api/packages/hainan/draft')).status).toBe(404); // published: gone
    expect((await get(admin, `/api/cases/${caseId}`)).body.case.definition.version).toBe(1); // a dry run only
  });

  it('publishing an unchanged draft is a no-op, not a new version', async () => {
    expect((await send(admin, 'post', '/api/packages/hainan/draft')).status).toBe(201);
    const r = await send(admin, 'post', '/api/packages/hainan/draft/publish', {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ unchanged: true, version: 3 });
    expect((await get(admin, '/api/packages/hainan')).body.package.versions).toHaveLength(3);
  });
});

describe('version history', () => {
  it('lists who published which version when, by name', async () => {
    const r = await get(admin, '/api/packages/hainan/history');
    expect(r.status).toBe(200);
    expect(r.body.versions.map((v: any) => [v.version, v.status, v.source])).toEqual([[3, 'published', 'workspace'], [2, 'replaced', 'parameter'], [1, 'replaced', 'shipped']]);
    expect(r.body.versions[0].publishedBy).toEqual({ username: 'admin', name: '海南高院管理员' });
    expect(r.body.versions[2].publishedBy).toEqual({ username: 'system', name: '系统' });
  });

  it('compares two versions', async () => {
    const r = await get(admin, '/api/packages/hainan/diff?from=1&to=3');
    expect(r.status).toBe(200);
    expect(r.body.diff.deadlines.map((d: any) => [d.id, d.from, d.to])).toEqual(expect.arrayContaining([
      ['complaintReviewPeriod', '5日 自 complaintReceivedAt', '7个工作日 自 complaintReceivedAt'], ['supervisionLetterPeriod', '3日', '5日']]));
    // Any two versions, either way round; a version against itself changes nothing.
    const back = await get(admin, '/api/packages/hainan/diff?from=3&to=1');
    expect(back.body.diff.deadlines.map((d: any) => [d.id, d.from, d.to])).toEqual(expect.arrayContaining([
      ['complaintReviewPeriod', '7个工作日 自 complaintReceivedAt', '5日 自 complaintReceivedAt'], ['supervisionLetterPeriod', '5日', '3日']]));
    const between = await get(admin, '/api/packages/hainan/diff?from=2&to=3');
    expect(between.body.diff.deadlines.map((d: any) => d.id)).not.toContain('supervisionLetterPeriod');
    expect((await get(admin, '/api/packages/hainan/diff?from=2&to=2')).body.diff.empty).toBe(true);
    expect((await get(admin, '/api/packages/hainan/diff?from=1&to=99')).status).toBe(404);
    expect((await get(admin, '/api/packages/hainan/diff?from=x&to=2')).status).toBe(400);
  });

  it('rolls back by publishing an earlier version again, with the dry run; the live version is refused', async () => {
    expect((await send(admin, 'post', '/api/packages/hainan/draft')).status).toBe(201); // a draft based on 3, for the next test
    const r = await send(admin, 'post', '/api/packages/hainan/rollback', { version: 1 });
    expect(r.status, JSON.stringify(r.body).slice(0, 1000)).toBe(200);
    expect(r.body).toMatchObject({ unchanged: false, version: 4 });
    expect(r.body.diff.deadlines.map((d: any) => [d.id, d.to])).toEqual(expect.arrayContaining([['complaintReviewPeriod', '5日 自 complaintReceivedAt'], ['supervisionLetterPeriod', '3日']]));
    expect(r.body.migrations.find((m: any) => m.key === 'hainanSupervision').cases.some((c: any) => c.caseId === caseId)).toBe(true);
    const live = (await get(admin, '/api/packages/hainan')).body.package;
    expect(live).toMatchObject({ version: 4, status: 'published', source: 'rollback', change: { rollbackOf: 1, fromVersion: 3 } });
    expect(live.parameters.find((x: any) => x.id === 'complaintReviewPeriod').value).toBe('5日 自 complaintReceivedAt');
    expect((await send(admin, 'post', '/api/packages/hainan/rollback', { version: 4 })).status).toBe(409);
    expect((await send(admin, 'post', '/api/packages/hainan/rollback', { version: 0 })).status).toBe(400);
  });

  it('a rebase that meets the same deadline changed both ways answers the conflict and writes nothing', async () => {
    const draft = (await get(admin, '/api/packages/hainan/draft')).body.draft; // opened before the rollback
    expect(draft).toMatchObject({ baseVersion: 3, stale: true });
    const mine = await send(admin, 'put', '/api/packages/hainan/draft', { content: withReviewDeadline(draft.content, '10日 自 complaintReceivedAt'), revision: draft.revision });
    expect(mine.status).toBe(200);
    const r = await send(admin, 'post', '/api/packages/hainan/draft/rebase');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('rebase_conflict');
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ element: 'reviewComplaint', message: expect.stringContaining('草稿改为「10日 自 complaintReceivedAt」') })]));
    expect((await get(admin, '/api/packages/hainan/draft')).body.draft).toMatchObject({ baseVersion: 3, revision: mine.body.draft.revision });
    expect((await send(admin, 'delete', '/api/packages/hainan/draft')).status).toBe(204);
  });

  it('a new package drafted by one province cannot be touched by another', async () => {
    // Not `henan`: that package is shipped now, so its draft would start from its published version.
    const content = { manifest: { id: 'henan-pilot', province: '河南省', title: '河南督办' }, articles: { documents: [] }, diagrams: {}, forms: {} };
    expect((await send(admin, 'put', '/api/packages/henan-pilot/draft', { content })).status).toBe(403);
    const own = await send(foreign, 'put', '/api/packages/henan-pilot/draft', { content });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.draft).toMatchObject({ baseVersion: null, revision: 1 });
    expect((await get(admin, '/api/packages/henan-pilot/draft')).status).toBe(403);
    expect((await get(admin, '/api/package-drafts')).body.drafts.map((d: { id: string }) => d.id)).not.toContain('henan-pilot');
    const publish = await send(foreign, 'post', '/api/packages/henan-pilot/draft/publish', {});
    expect(publish.status).toBe(422); // not a valid package yet: no process
    expect(publish.body.error.details.length).toBeGreaterThan(0);
  });
});
