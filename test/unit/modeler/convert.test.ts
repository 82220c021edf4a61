// The modeler's one-click conversions (client/src/features/modeler/convert): planned on the
// Camunda-style fixture the e2e opens, read by bpmn-moddle with the camunda extension as the
// modeler reads it; the JUEL → FEEL translator; the foreign `camunda` prefix rename.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { describe, expect, it } from 'vitest';
import { planConversions, type Conversion } from '../../../client/src/features/modeler/convert/conversions';
import { renameForeignCamundaPrefix } from '../../../client/src/features/modeler/convert/foreignPrefix';
import { importWarningZh } from '../../../client/src/features/modeler/convert/importWarnings';
import { juelToFeel } from '../../../client/src/features/modeler/convert/juel';

const fixture = readFileSync(fileURLToPath(new URL('../../e2e/fixtures/invoice-camunda.bpmn', import.meta.url)), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const moddle = () => new (BpmnModdle as any)({ camunda });
const ROLES = ['承办人', '审查人员', '审批人'];

async function plan(xml: string, forms: string[] = []): Promise<Conversion[]> {
  const { rootElement } = await moddle().fromXML(xml, 'bpmn:Definitions');
  return planConversions(rootElement, { forms, roles: ROLES });
}
const on = (list: Conversion[], element: string, kind: string) => list.filter((c) => c.element === element && c.kind === kind);

describe('JUEL → FEEL', () => {
  it.each([
    ['${approved}', 'approved'],
    ["${clarified == 'yes'}", 'clarified = "yes"'],
    ['${!approved && amount > 1000}', 'not(approved) and amount > 1000'],
    ['${a.b != "x" || c le 3}', 'a.b != "x" or c <= 3'],
    ['${not done}', 'not(done)'],
    ['${(a eq 1) and b}', '(a = 1) and b'],
  ])('%s → %s', (juel, feel) => {
    expect(juelToFeel(juel)).toEqual({ feel });
  });
  it.each([
    ['${execution.getVariable("x") == 1}', '没有对应写法'],
    ['${invoice.isPaid()}', '方法调用'],
    ['${empty list}', '没有对应写法'],
    ['${a + 1 > 2}', '无法逐字翻译'],
    ['${!(a && b)}', '人工改写'],
    ['approved', '不是'],
  ])('%s is flagged, not translated', (juel, reason) => {
    const r = juelToFeel(juel);
    expect('reason' in r && r.reason).toContain(reason);
  });
});

describe('planConversions on a Camunda Modeler diagram', () => {
  it('assignee / candidateGroups plain strings become court + role; a platform role is kept, others flagged for checking', async () => {
    const list = await plan(fixture);
    const [assign] = on(list, 'assignApprover', 'assignment');
    expect(assign.before).toBe('assignee="demo"');
    expect(assign.props).toEqual({ 'camunda:candidateGroups': '{court: supervisedCourt, role: "承办人"}', 'camunda:assignee': undefined, 'camunda:candidateUsers': undefined });
    expect(assign.flag).toContain('「demo」不是平台角色');
    const [kept] = on(list, 'prepareBankTransfer', 'assignment');
    expect(kept.props?.['camunda:candidateGroups']).toBe('{court: supervisedCourt, role: "审批人"}');
    expect(kept.flag).toBeUndefined();
    const [expr] = on(list, 'reviewInvoice', 'assignment');
    expect(expr.after).toBeUndefined();
    expect(expr.flag).toContain('${…}');
  });

  it('conditions: exact translations carry FEEL, the rest are flagged without a change', async () => {
    const list = await plan(fixture);
    expect(on(list, 'yes', 'condition')[0].props).toEqual({ body: 'approved', language: undefined });
    expect(on(list, 'no', 'condition')[0].after).toBe('not(approved) and amount > 1000');
    expect(on(list, 'clarified', 'condition')[0].after).toBe('clarified = "yes"');
    const [flagged] = on(list, 'notClarified', 'condition');
    expect(flagged.props).toBeUndefined();
    expect(flagged.flag).toContain('execution');
  });

  it('form keys: a package form of the same name is picked, others are cleared for the picker', async () => {
    const list = await plan(fixture, ['acme/approve-invoice']);
    expect(on(list, 'approveInvoice', 'formKey')[0]).toMatchObject({ before: 'embedded:app:forms/approve-invoice.html', after: 'acme/approve-invoice', props: { 'camunda:formKey': 'acme/approve-invoice' } });
    expect(on(list, 'approveInvoice', 'formKey')[0].flag).toBeUndefined();
    const [cleared] = on(list, 'assignApprover', 'formKey');
    expect(cleared.props).toEqual({ 'camunda:formKey': undefined });
    expect(cleared.flag).toContain('没有同名表单');
    expect(on(list, 'invoiceReceived', 'formKey')).toHaveLength(1);
  });

  it('the process with the user tasks becomes the one executable process; the other pool stays descriptive', async () => {
    const list = await plan(fixture);
    const exec = list.filter((c) => c.kind === 'executable');
    expect(exec).toHaveLength(1);
    expect(exec[0]).toMatchObject({ element: 'invoice', props: { isExecutable: true } });
    // Two executable processes: the one without user tasks is turned off.
    const two = await plan(fixture.replace(/isExecutable="false"/g, 'isExecutable="true"'));
    expect(two.filter((c) => c.kind === 'executable').map((c) => [c.element, c.props])).toEqual([['supplier', { isExecutable: false }]]);
  });

  it('a diagram already in the platform conventions has nothing to convert', async () => {
    const shipped = readFileSync(fileURLToPath(new URL('../../../processes/hainan/supervision.bpmn', import.meta.url)), 'utf8');
    expect(await plan(shipped, [])).toEqual(expect.not.arrayContaining([expect.objectContaining({ kind: 'assignment' })]));
    expect((await plan(shipped)).filter((c) => c.kind !== 'formKey')).toEqual([]);
  });
});

describe('a file that binds `camunda` to another namespace (Signavio)', () => {
  const signavio = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://www.signavio.com/camunda" id="d" targetNamespace="x">
  <process id="p" isExecutable="true">
    <userTask id="t" name="审批" camunda:assignee="x"><extensionElements><camunda:meta key="a" value="b"/></extensionElements></userTask>
  </process>
</definitions>`;

  it('renames the foreign prefix, so the platform can write camunda:* and save; the foreign data survives', async () => {
    const fixed = renameForeignCamundaPrefix(signavio);
    expect(fixed.renamed).toEqual({ uri: 'http://www.signavio.com/camunda', prefix: 'foreign' });
    const m = moddle();
    const { rootElement } = await m.fromXML(fixed.xml, 'bpmn:Definitions');
    const task = rootElement.rootElements[0].flowElements[0];
    task.set('camunda:candidateGroups', '{court: supervisedCourt, role: "承办人"}');
    const { xml } = await m.toXML(rootElement);
    expect(xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
    expect(xml).toContain('camunda:candidateGroups="{court: supervisedCourt, role: &#34;承办人&#34;}"');
    expect(xml).toContain('foreign:assignee="x"');
    expect(xml).toContain('<foreign:meta key="a" value="b"');
    // and it reads back: the platform's attribute is the real camunda one
    const again = await moddle().fromXML(xml, 'bpmn:Definitions');
    expect(again.rootElement.rootElements[0].flowElements[0].get('camunda:candidateGroups')).toContain('承办人');
  });

  it('leaves a file with the real camunda namespace alone', () => {
    expect(renameForeignCamundaPrefix(fixture)).toEqual({ xml: fixture });
  });
});

describe('import warnings in Chinese', () => {
  it.each([
    ['unresolved reference <Task_9>', '引用了不存在的元素「Task_9」'],
    ['multiple DI elements defined for <bpmn:UserTask id="approve" />', '元素「approve」有多个图形定义'],
    ['unparsable content <foo:bar> detected\n\tline: 3', '无法解析的内容 <bar>'],
    ['unknown attribute <camunda:x>', '未知的属性「x」'],
    ['something new', '导入提示（原文）：something new'],
  ])('%s', (en, zh) => {
    expect(importWarningZh(en)).toContain(zh);
  });
});
