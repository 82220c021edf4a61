// Standard constructs from other modelers (issue 17): a manual task is passed through, BPMN's
// potentialOwner is the court + role assignment, and a diagram declared in GBK is read as GBK.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { decodeDiagram } from '../../../server/packages/diagramEncoding';
import { CaseDriver, bj } from './helpers';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
const wrap = (body: string, encoding = 'UTF-8') => `<?xml version="1.0" encoding="${encoding}"?>
<bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" name="送达" isExecutable="true">
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="deliver"/>
  <bpmn:manualTask id="deliver" name="线下送达文书"/><bpmn:sequenceFlow id="f2" sourceRef="deliver" targetRef="t"/>
  ${body}<bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;

const owner = `<bpmn:userTask id="t" name="签收" camunda:formKey="test/form">
  <bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>{court: supervisedCourt, role: "承办人"}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>
</bpmn:userTask>`;

describe('constructs from other modelers', () => {
  it('a manual task passes through; a potentialOwner expression assigns to court + role', async () => {
    const xml = wrap(owner);
    expect(await validateDefinition(xml)).toEqual([]);
    const d = new CaseDriver(xml);
    const r = await d.start(bj('2026-10-09T09:00'));
    expect(r.openTasks.map((t) => [t.elementId, t.assignment])).toEqual([['t', { court: 'HN-HK-ZY', role: '承办人' }]]);
  });

  it('a potentialOwner beside candidateGroups is ambiguous; one without an expression is refused', async () => {
    const both = await validateDefinition(wrap(owner.replace('camunda:formKey', 'camunda:candidateGroups="{court: supervisedCourt, role: &quot;承办人&quot;}" camunda:formKey')));
    expect(both.map((p) => p.code)).toContain('ASSIGNMENT_AMBIGUOUS');
    const bare = await validateDefinition(wrap(owner.replace(/<bpmn:resourceAssignmentExpression>[\s\S]*<\/bpmn:resourceAssignmentExpression>/, '')));
    expect(bare.map((p) => p.code)).toContain('POTENTIAL_OWNER_REF');
  });

  it('a diagram declared GBK is read as GBK and stored as UTF-8; a false declaration is refused in Chinese', () => {
    const xml = wrap(owner, 'GBK');
    const decoded = decodeDiagram('processes/x/a.bpmn', iconv.encode(xml, 'gbk'));
    expect(decoded).toEqual({ xml: xml.replace('encoding="GBK"', 'encoding="UTF-8"'), transcodedFrom: 'GBK' });
    const lying = decodeDiagram('processes/x/a.bpmn', Buffer.concat([Buffer.from(wrap(owner, 'GB18030').slice(0, 60)), Buffer.from([0x81, 0x20])]));
    expect(lying).toEqual({ problem: expect.stringMatching(/声明为 GB18030 编码，但内容不能按该编码解读/) });
    expect(decodeDiagram('a.bpmn', Buffer.from(wrap(owner, 'x-klingon')))).toEqual({ problem: expect.stringMatching(/平台不认识/) });
    expect(decodeDiagram('a.bpmn', Buffer.from(xml.replace('GBK', 'UTF-8')))).toEqual({ xml: xml.replace('GBK', 'UTF-8') });
  });
});
