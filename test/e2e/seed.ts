// Data the browser tests start from, made through the API as an administrator would: the test
// forms, the 书面报告督办 diagram (test/scenarios/fixtures), cases on a given day.
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Whoever calls the API as a signed-in user: the browser tests' `e2e.api(…)` or a scenario's `as(…)`
// (test/scenarios/helpers.ts), so that the API tests seed the same processes.
type Api = { post(url: string, body?: object): PromiseLike<{ status: number; body: any }> };

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'scenarios', 'fixtures', name), 'utf8');
/** Beijing wall time → ISO: bj('2026-09-28 15:30'). */
export const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();

const submit = { type: 'button', key: 'submit', action: 'submit', label: '提交', theme: 'primary', input: true };

export const FORMS: Record<string, object> = {
  'test/report': {
    display: 'form',
    components: [
      { type: 'textfield', key: 'caseNo', label: '督办案号', disabled: true, input: true, properties: { prefill: 'caseNo' } },
      {
        type: 'radio', key: 'result', label: '执行结果', input: true, validate: { required: true, onlyAvailableItems: true },
        values: [{ label: '已执结', value: '已执结' }, { label: '未执结', value: '未执结' }],
      },
      { type: 'textarea', key: 'progress', label: '执行进展情况', input: true, validate: { required: true, minLength: 10 } },
      { type: 'textfield', key: 'reporter', label: '报告人', input: true, validate: { maxLength: 20 } },
      { type: 'file', key: 'materials', label: '报告材料', input: true, storage: 'url', multiple: true },
      submit,
    ],
  },
  'test/urge': {
    display: 'form',
    components: [{ type: 'textarea', key: 'urgeNote', label: '催报意见', input: true, validate: { required: true } }, submit],
  },
  'test/review': {
    display: 'form',
    components: [{ type: 'textarea', key: 'opinion', label: '审查意见', input: true, validate: { required: true } }, submit],
  },
};

async function ok(r: PromiseLike<{ status: number; body: any }>, what: string) {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function seedReportProcess(admin: Api) {
  for (const [key, schema] of Object.entries(FORMS)) {
    await ok(admin.post(`/api/forms/${encodeURIComponent(key)}/revisions`, { schema }), `表单 ${key}`);
  }
  return ok(admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') }), '部署流程');
}

/** A 通报批评 (intermediate event) then a 整改报告: one 通报 per case for the dashboard. */
export async function seedNoticeProcess(admin: Api) {
  const xml = readFileSync(path.join(import.meta.dirname, 'fixtures', 'notice.bpmn'), 'utf8');
  return ok(admin.post('/api/definitions', { packageId: 'test', xml }), '部署通报流程');
}

export async function startCase(starter: Api, process: string, supervisedCourt: string, enforcementCaseNo: string) {
  const r = starter.post('/api/cases', { process, supervisedCourt, data: { enforcementCaseNo, source: '来信' } });
  return (await ok(r, '立案')) as { case: { id: string; caseNo: string }; tasks: { id: string; elementId: string; dueAt: string }[] };
}

export async function setClock(admin: Api, at: string) {
  return ok(admin.post('/api/clock', { set: bj(at) }), '设置时钟');
}

export const startReportCase = (starter: Api, supervisedCourt: string, enforcementCaseNo: string) =>
  startCase(starter, 'reportSupervision', supervisedCourt, enforcementCaseNo);
