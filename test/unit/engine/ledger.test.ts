// Ledger entries declared on diagram elements (server/engine/ledgerSpec.ts): `ledger.*` Camunda
// extension properties, FEEL over the case, emitted as one `ledgerEntry` event when the element
// completes; refused at deploy when malformed; a value FEEL cannot give fails the command.
import { describe, expect, it } from 'vitest';
import { ProcessFailure, validateDefinition } from '../../../server/engine';
import { CaseDriver, bj } from './helpers';

const diagram = (props: string, on: 'task' | 'end' | 'gateway' = 'task') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="notice"/>
    <bpmn:userTask id="notice" name="通报" camunda:formKey="hainan/notice" camunda:candidateGroups="{court: supervisingCourt, role: &quot;审批人&quot;}">
      <bpmn:documentation>海南办法 第十三条</bpmn:documentation>
      ${on === 'task' ? `<bpmn:extensionElements><camunda:properties>${props}</camunda:properties></bpmn:extensionElements>` : ''}
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="notice" targetRef="${on === 'gateway' ? 'g' : 'e'}"/>
    ${on === 'gateway' ? `<bpmn:exclusiveGateway id="g"><bpmn:extensionElements><camunda:properties>${props}</camunda:properties></bpmn:extensionElements></bpmn:exclusiveGateway><bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e"/>` : ''}
    <bpmn:endEvent id="e" name="处理完毕">${on === 'end' ? `<bpmn:extensionElements><camunda:properties>${props}</camunda:properties></bpmn:extensionElements>` : ''}</bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
const prop = (name: string, value: string) => `<camunda:property name="ledger.${name}" value="${value.replace(/"/g, '&quot;')}"/>`;
const notice = prop('kind', 'notice.kind') + prop('court', 'supervisedCourt') + prop('persons', 'notice.persons') + prop('reason', 'notice.reason');

describe('a declared ledger entry', () => {
  it('is emitted once when the task completes, with the form values, the issuer and the basis', async () => {
    const c = new CaseDriver(diagram(notice));
    await c.start(bj('2026-05-01T09:00'));
    expect(c.history.filter((e) => e.type === 'ledgerEntry')).toEqual([]);
    await c.complete('notice', { kind: '通报批评', reason: '仍催而不办', persons: [{ name: '王五', role: '承办人' }] }, bj('2026-05-02T09:00'));
    expect(c.history.filter((e) => e.type === 'ledgerEntry')).toEqual([{
      type: 'ledgerEntry', element: 'notice', at: bj('2026-05-02T09:00').toISOString(),
      data: { kind: '通报批评', court: 'HN-HK-ZY', persons: [{ name: '王五', role: '承办人' }], reason: '仍催而不办', issuer: 'HN-GY', name: '通报', basis: '海南办法 第十三条' },
    }]);
  });

  it('on an end event, when reached', async () => {
    const c = new CaseDriver(diagram(prop('kind', '"约谈"') + prop('court', 'supervisedCourt'), 'end'));
    await c.start(bj('2026-05-01T09:00'));
    await c.complete('notice', {}, bj('2026-05-02T09:00'));
    expect(c.history.filter((e) => e.type === 'ledgerEntry').map((e) => [e.element, e.data?.kind])).toEqual([['e', '约谈']]);
  });

  it('fails the command when the kind has no value: nothing is saved, nothing lost', async () => {
    const c = new CaseDriver(diagram(notice));
    await c.start(bj('2026-05-01T09:00'));
    await expect(c.complete('notice', { reason: 'x' }, bj('2026-05-02T09:00'))).rejects.toThrow(ProcessFailure);
    await expect(c.complete('notice', { reason: 'x' }, bj('2026-05-02T09:00'))).rejects.toThrow(/台账记载缺少「类别/);
  });

  it('is refused at deploy when malformed, each problem in Chinese', async () => {
    const codes = async (xml: string) => (await validateDefinition(xml, { knownForms: new Set(['hainan/notice']) })).map((p) => `${p.code}:${p.message}`);
    expect(await codes(diagram(notice))).toEqual([]);
    expect((await codes(diagram(prop('kind', '"通报批评"')))).join()).toMatch(/LEDGER_FIELD:.*缺少「ledger.court」/);
    expect((await codes(diagram(notice + prop('colour', '"red"')))).join()).toMatch(/LEDGER_FIELD:.*「ledger.colour」未知/);
    expect((await codes(diagram(prop('kind', 'nosuch.kind') + prop('court', 'supervisedCourt')))).join()).toMatch(/LEDGER_FEEL/);
    expect((await codes(diagram(notice, 'gateway'))).join()).toMatch(/LEDGER_ELEMENT:.*只有用户任务、结束事件和中间抛出事件/);
  });
});
