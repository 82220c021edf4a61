// Deploying diagrams: every problem listed in Chinese with its element; versions; roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startScenario, type Scenario } from '../scenarios/helpers';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
});
afterAll(() => s?.close());

const deploy = (xml: string, packageId = 'test') => s.admin.post('/api/definitions', { packageId, xml });

describe('POST /api/definitions', () => {
  it('deploys version 1, the same diagram again is not a new version, a change is version 2', async () => {
    const xml = fixture('report-supervision.bpmn');
    const first = await deploy(xml);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: 'reportSupervision', version: 1 });
    const again = await deploy(xml);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, unchanged: true });
    const changed = await deploy(xml.replace('name="书面报告"', 'name="书面报告（修订）"'));
    expect(changed.body.version).toBe(2);
    const list = await s.admin.get('/api/definitions?packageId=test');
    expect(list.body.definitions.map((d: any) => d.version)).toEqual([1, 2]);
    expect(list.body.definitions[0].xml).toBeUndefined();
  });

  it('refuses XML that does not parse', async () => {
    const r = await deploy('<bpmn:definitions');
    expect(r.status).toBe(422);
    expect(r.body.error.details.length).toBeGreaterThan(0);
    expect(r.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a DOCTYPE with an external entity and never resolves it', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
      fixture('report-supervision.bpmn').replace(/^<\?xml[^>]*>/, '').replace('name="书面报告"', 'name="&x;"');
    const r = await deploy(xxe);
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).not.toContain('root:');
  });

  it('refuses a script task, a JavaScript condition and a task without form or assignment, listing each', async () => {
    const xml = fixture('report-supervision.bpmn')
      .replace('<bpmn:endEvent id="closed" name="结案"/>', '<bpmn:scriptTask id="evil" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="closed" name="结案"/>')
      .replace('xsi:type="bpmn:tFormalExpression">reportInWriting.result', 'xsi:type="bpmn:tFormalExpression" language="javascript">reportInWriting.result')
      .replace(' camunda:formKey="test/review"', '');
    const r = await deploy(xml);
    expect(r.status).toBe(422);
    const elements = r.body.error.details.map((d: any) => d.element);
    expect(elements).toEqual(expect.arrayContaining(['evil', 'toClosed', 'reviewReport']));
    for (const d of r.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a deadline the calendar cannot read and a condition that is not FEEL', async () => {
    const xml = fixture('report-supervision.bpmn')
      .replace('<bpmn:timeDuration>5日</bpmn:timeDuration>', '<bpmn:timeDuration>五个星期左右</bpmn:timeDuration>')
      .replace('reportInWriting.result = "已执结"', '${reportInWriting.result == "已执结"}');
    const r = await deploy(xml);
    expect(r.status).toBe(422);
    const elements = r.body.error.details.map((d: any) => d.element);
    expect(elements).toEqual(expect.arrayContaining(['reportOverdue', 'toClosed']));
  });

  it('answers bad input with 400 and the field named', async () => {
    expect((await s.admin.post('/api/definitions', { packageId: 'Bad Id!', xml: '<x/>' })).body.error.details[0].field).toBe('packageId');
    expect((await s.admin.post('/api/definitions', { packageId: 'test' })).body.error.details[0].field).toBe('xml');
    const raw = await s.p.request().post('/api/definitions').set('Content-Type', 'application/json').send('{"a":');
    expect([400, 401, 403]).toContain(raw.status);
  });

  it('only a 流程管理员 may deploy', async () => {
    const handler = await s.as('hi-gy-chengban');
    const r = await handler.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') });
    expect(r.status).toBe(403);
  });
});

describe('POST /api/cases bad input', () => {
  it('names missing fields, refuses an unknown process and a court outside the jurisdiction', async () => {
    const starter = await s.as('hi-gy-chengban');
    const missing = await starter.post('/api/cases', {});
    expect(missing.status).toBe(400);
    // The supervised court is not asked of every process (a yearly 通报 is the starter's own court).
    expect(missing.body.error.details.map((d: any) => d.field)).toEqual(['process']);
    expect((await starter.post('/api/cases', { process: 'noSuchProcess', supervisedCourt: 'hi-hk-zy' })).status).toBe(404);
    expect((await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'ha-kf-zy' })).status).toBe(403);
    const lower = await s.as('hi-hk-chengban');
    expect((await lower.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-gy' })).status).toBe(403);
    expect((await starter.get('/api/cases/not-an-id')).status).toBe(404);
  });
});
