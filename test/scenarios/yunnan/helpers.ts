// The Yunnan package walked through HTTP with the manual clock. The package is installed the way
// the platform installs a shipped package at first start (manifest, forms, diagrams, its
// inspections and ledger ranking live) from a directory holding only processes/yunnan and
// forms/yunnan, so each scenario file starts one platform cheaply. Tasks are completed by the
// demo account of the court + role a task is assigned to (seeds/demo-accounts.json), with a
// submission that passes the task's form (SAMPLES) plus the fields the step is about.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { bj, startScenario } from '../helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ACCOUNTS: { username: string; name: string; court: string; roles: string[] }[] = JSON.parse(
  readFileSync(path.join(ROOT, 'seeds/demo-accounts.json'), 'utf8'),
);
export { bj };
export const manifest = JSON.parse(readFileSync(path.join(ROOT, 'processes/yunnan/manifest.json'), 'utf8'));

/** A demo account of the court holding the role (first match). */
export function userFor(court: string, role: string): string {
  const hit = ACCOUNTS.find((a) => a.court === court && a.roles.includes(role));
  if (!hit) throw new Error(`no demo account for ${court} ${role}`);
  return hit.username;
}

/** A submission each form accepts; a test adds the fields its step is about. */
export const SAMPLES: Record<string, Record<string, unknown>> = {
  'yunnan/recordItem': { requirement: '规范、完整录入案件节点信息', deadlineKind: '限期整改', deadline: '2018-03-31', intermediateCourts: ['yn-km-zy', 'yn-hh-zy'] },
  'yunnan/approveItem': { opinion: '同意下发' },
  'yunnan/deployRectification': { lowerCourts: [], measures: '转发辖区基层法院，逐院落实' },
  'yunnan/rectificationReport': { completion: '已整改完毕', measures: '逐案补录节点信息', effect: '节点信息录入完整' },
  'yunnan/consolidateReport': { completion: '全部整改完毕', summary: '本院及辖区基层法院均已整改完毕' },
  'yunnan/checkByArea': { region: '滇中片区', findings: '抽查整改台账' },
  'yunnan/superviseLate': { opinion: '限十日内书面报告整改完成情况' },
  'yunnan/interviewLate': { interviewee: '张某（执行局长）', interviewDate: '2018-04-20', record: '约谈执行局长，责令即日报告' },
  'yunnan/inspectCase': { undecidedFindings: '终本约谈与裁定送达及时', conclusion: '合格' },
  'yunnan/orderRemedy': { remedy: '恢复执行', requirement: '被执行人有可供执行财产，依法恢复执行' },
  'yunnan/remedyReport': { report: '已恢复执行' },
  'yunnan/organizeSampling': { roundId: 'R-1', seed: 'seed-0001', rate: 30 },
  'yunnan/endSampling': { reason: '本年度抽查结束' },
  'yunnan/closureMaterials': { documentKind: ['执行完毕笔录'] },
  'yunnan/closureApproval': { decision: '同意报结' },
  'yunnan/presidentApproval': { decision: '批准', opinion: '标的物为文物，不宜网拍' },
  'yunnan/auctionFiling': { filing: '已备案' },
  'yunnan/entrustmentHandling': { result: '已办结' },
  'yunnan/keySupervision': { opinion: '限期办理' },
  'yunnan/accountability': { persons: '王某', decision: '通报并追究责任' },
  'yunnan/assessCourt': { assessmentYear: 2018, actualRate: 45, zhongbenPassRate: 92, score: 88, grade: '良好', comment: '到位率较高' },
  'yunnan/approveAssessment': { decision: '同意' },
};

export interface Task {
  id: string;
  elementId: string;
  name: string;
  formKey: string;
  assignment: { court?: string; role?: string; user?: string };
  dueAt?: string;
  instance?: { index: number; count: number; member?: unknown };
}

/** One platform with only the Yunnan package shipped, on the manual clock at `at` (Beijing). */
export async function startYunnan(at: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-yunnan-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'yunnan'), path.join(dir, kind, 'yunnan'), { recursive: true });
  const s = await startScenario({ packagesRoot: dir });
  await s.setClock(at);
  // Read as the 高院's 承办人: the 高院 sees every case of the province's courts.
  const view = async (caseId: string) => {
    const r = await (await s.as('yn-gy-chengban')).get(`/api/cases/${caseId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const y = {
    s,
    dir,
    setClock: s.setClock,
    async close() {
      await s.close();
      await rm(dir, { recursive: true, force: true });
    },
    view,
    /** Opens a case through the package's start form as `starter`. */
    async open(process: string, starter: string, data: Record<string, unknown>, supervisedCourt?: string) {
      const r = await (await s.as(starter)).post('/api/cases', { process, data, ...(supervisedCourt ? { supervisedCourt } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    },
    async tasks(caseId: string): Promise<Task[]> {
      return (await view(caseId)).tasks;
    },
    /** The open tasks of one element (several for a multi-instance task). */
    async open_(caseId: string, elementId: string) {
      return (await y.tasks(caseId)).filter((t) => t.elementId === elementId);
    },
    async openIds(caseId: string) {
      return [...new Set((await y.tasks(caseId)).map((t) => t.elementId))].sort();
    },
    /** The open task of `elementId` assigned to `court` (or the only one). */
    async task(caseId: string, elementId: string, court?: string): Promise<Task> {
      const all = await y.open_(caseId, elementId);
      const hits = court ? all.filter((t) => t.assignment.court === court) : all;
      expect(hits.length, `open ${elementId}${court ? ` for ${court}` : ''}: ${(await y.tasks(caseId)).map((t) => `${t.elementId}@${t.assignment.court}`)}`).toBe(1);
      return hits[0];
    },
    async complete(caseId: string, elementId: string, over: Record<string, unknown> = {}, opts: { court?: string; as?: string } = {}) {
      const t = await y.task(caseId, elementId, opts.court);
      const who = opts.as ?? t.assignment.user ?? userFor(t.assignment.court!, t.assignment.role!);
      const r = await (await s.as(who)).post(`/api/tasks/${t.id}/complete`, { data: { ...SAMPLES[t.formKey], ...over } });
      expect(r.status, `${elementId} by ${who}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    },
    async attempt(caseId: string, elementId: string, as: string, over: Record<string, unknown> = {}, court?: string) {
      const t = await y.task(caseId, elementId, court);
      return (await s.as(as)).post(`/api/tasks/${t.id}/complete`, { data: { ...SAMPLES[t.formKey], ...over } });
    },
    async variables(caseId: string) {
      return (await view(caseId)).case.variables as Record<string, any>;
    },
    async history(caseId: string) {
      return (await view(caseId)).history as { type: string; element?: string; data?: any; actor: string }[];
    },
    async timer(caseId: string, elementId: string) {
      const timers = (await view(caseId)).timers as { elementId: string; dueAt: string }[];
      const t = timers.find((x) => x.elementId === elementId);
      expect(t, `timers: ${timers.map((x) => x.elementId)}`).toBeDefined();
      return new Date(t!.dueAt).toISOString();
    },
    async status(caseId: string) {
      return (await view(caseId)).case.status as string;
    },
    async ledger(as: string, query: string) {
      const r = await (await s.as(as)).get(`/api/ledger?${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items as { _id?: string; id?: string; kind: string; court: string; issuer: string; reason?: string; score?: number; grade?: string; caseId?: string; year: number }[];
    },
  };
  return y;
}
export type Yunnan = Awaited<ReturnType<typeof startYunnan>>;

