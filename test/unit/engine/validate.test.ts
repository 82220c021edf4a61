// Deploy validation: each forbidden thing is refused with a Chinese message naming the element;
// a diagram made in Camunda Modeler passes.
import { describe, expect, it } from 'vitest';
import { DefinitionLoadError, describeDefinition, run, validateDefinition } from '../../../server/engine';
import { CaseDriver, bj, calendar, fixture } from './helpers';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
const TASK = 'camunda:formKey="test/form" camunda:candidateGroups="{court: supervisedCourt, role: &quot;承办人&quot;}"';

/** A one-process diagram around `body`; the flow from start to `first` is added. */
function diagram(body: string, first = 'task'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="http://duban.court/test">
  <bpmn:process id="proc" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="${first}"/>
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

const okTask = `<bpmn:userTask id="task" name="办理" ${TASK}/>`;

async function problemsOf(xml: string, options = {}) {
  const problems = await validateDefinition(xml, options);
  for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/); // Chinese, always
  return problems;
}

describe('diagrams that pass', () => {
  it('a Camunda Modeler export with camunda: attributes, lanes, DI and annotations passes and runs', async () => {
    const xml = fixture('camunda-modeler.bpmn');
    expect(await problemsOf(xml)).toEqual([]);
    expect(describeDefinition(xml)).toEqual({ key: 'hainanSupervision', name: '执行督办（海南）' });
    const r = await new CaseDriver(xml).start(bj('2026-09-28T15:30'));
    expect(r.openTasks[0]).toMatchObject({ elementId: 'reviewComplaint', formKey: 'hainan/reviewComplaint' });
    expect(r.openTasks[0].due?.lastDay).toBe('2026-10-08');
  });

  it('the fixtures the other tests run pass', async () => {
    for (const f of ['review.bpmn', 'timer-order.bpmn', 'long-timers.bpmn', 'dates.bpmn']) {
      expect(await problemsOf(fixture(f)), f).toEqual([]);
    }
  });
});

describe('refused before or while parsing', () => {
  it('XML that does not parse', async () => {
    const [p] = await problemsOf('<bpmn:definitions><oops></bpmn:definitions>');
    expect(p.code).toBe('XML_PARSE');
  });

  it('a reference to nothing is reported, not thrown', async () => {
    const problems = await problemsOf(diagram(`${okTask}<bpmn:sequenceFlow id="dangling" sourceRef="task" targetRef="nowhere"/>`));
    expect(problems).toEqual([expect.objectContaining({ code: 'XML_WARNING', element: 'dangling' })]);
    expect(problems[0].message).toContain('nowhere');
  });

  it('any DOCTYPE / ENTITY, before a parser sees it', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${diagram(okTask).replace(/^<\?xml[^>]*>\n/, '')}`;
    const problems = await problemsOf(xml);
    expect(problems).toEqual([expect.objectContaining({ code: 'XML_DOCTYPE', line: 2 })]);
    await expect(run({ source: xml, variables: {}, command: { type: 'start' }, now: new Date(), calendar }))
      .rejects.toBeInstanceOf(DefinitionLoadError);
  });
});

describe('refused elements, each named in the message', () => {
  it.each([
    ['a complex gateway', 'COMPLEX_GATEWAY', 'cg', `<bpmn:complexGateway id="cg" name="复杂"/><bpmn:sequenceFlow id="f1" sourceRef="cg" targetRef="task"/>${okTask}`, 'cg'],
    ['a script task', 'SCRIPT_TASK', 'js', `<bpmn:scriptTask id="js" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask>`, 'js'],
    ['a service task', 'UNSUPPORTED_TASK', 'svc', `<bpmn:serviceTask id="svc" camunda:expression="\${x}"/>`, 'svc'],
    ['a message catch event', 'UNSUPPORTED_EVENT', 'msg', `<bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>`, 'msg'],
    ['a multi-instance task with neither members nor a count', 'LOOP_SOURCE', 'task', `<bpmn:userTask id="task" ${TASK}><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>`, 'task'],
    ['a standard loop', 'UNSUPPORTED_LOOP', 'task', `<bpmn:userTask id="task" ${TASK}><bpmn:standardLoopCharacteristics/></bpmn:userTask>`, 'task'],
    ['a multi-instance sub-process', 'UNSUPPORTED_LOOP', 'sp', `<bpmn:subProcess id="sp"><bpmn:multiInstanceLoopCharacteristics camunda:collection="supervisedCourts"/></bpmn:subProcess>`, 'sp'],
  ])('%s', async (_what, code, element, body, first) => {
    const problems = await problemsOf(diagram(body, first));
    const p = problems.find((x) => x.code === code);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.element).toBe(element);
    expect(p!.message).toContain(element);
    expect(p!.line).toBeGreaterThan(1);
  });

  it('an inclusive gateway used as a join', async () => {
    const body = `<bpmn:parallelGateway id="split"/><bpmn:sequenceFlow id="a" sourceRef="split" targetRef="join"/>
      <bpmn:sequenceFlow id="b" sourceRef="split" targetRef="join"/><bpmn:inclusiveGateway id="join" name="汇合"/>
      <bpmn:sequenceFlow id="c" sourceRef="join" targetRef="task"/>${okTask}`;
    const problems = await problemsOf(diagram(body, 'split'));
    expect(problems).toEqual([expect.objectContaining({ code: 'INCLUSIVE_JOIN', element: 'join' })]);
    expect(problems[0].message).toMatch(/包容网关「汇合」（join）.*汇合/);
  });

  it('an event sub-process with a timer start', async () => {
    const body = `${okTask}<bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="espStart"><bpmn:timerEventDefinition><bpmn:timeDuration>5日</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:sequenceFlow id="e1" sourceRef="espStart" targetRef="espEnd"/><bpmn:endEvent id="espEnd"/></bpmn:subProcess>`;
    const problems = await problemsOf(diagram(body));
    expect(problems).toEqual([expect.objectContaining({ code: 'EVENT_SUBPROCESS_TIMER', element: 'espStart' })]);
  });

  it('a potentialOwner with only a resourceRef (it crashes loading) is reported, not thrown', async () => {
    const body = `<bpmn:resource id="judge" name="法官"/>`;
    const xml = diagram(`<bpmn:userTask id="task" ${TASK}><bpmn:potentialOwner resourceRef="judge"/></bpmn:userTask>`)
      .replace('<bpmn:process', `${body}\n  <bpmn:process`);
    const problems = await problemsOf(xml);
    expect(problems).toEqual([expect.objectContaining({ code: 'POTENTIAL_OWNER_REF', element: 'task' })]);
  });
});

describe('refused expressions', () => {
  const gateway = (condition: string, language = '') => diagram(`<bpmn:exclusiveGateway id="gw" default="other"/>
    <bpmn:sequenceFlow id="big" sourceRef="gw" targetRef="task"><bpmn:conditionExpression${language}>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="other" sourceRef="gw" targetRef="task"/>${okTask}`, 'gw');

  it.each([
    ['a ${} condition', gateway('${amount &gt; 100}'), 'DOLLAR_EXPRESSION', /不支持 \$\{…\}/],
    ['a language attribute', gateway('amount &gt; 100', ' language="javascript"'), 'LANGUAGE_ATTRIBUTE', /language="javascript"/],
    ['invalid FEEL', gateway('amount &gt;'), 'CONDITION_FEEL', /语法错误/],
    ['an undeclared variable', gateway('amount &gt; 100'), 'CONDITION_FEEL', /未声明的变量「amount」/],
  ])('%s in a condition', async (_what, xml, code, message) => {
    const problems = await problemsOf(xml);
    expect(problems).toEqual([expect.objectContaining({ code, element: 'big' })]);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].message).toContain('顺序流（big）');
  });

  it('a variable declared by the caller or by a form namespace is known', async () => {
    expect(await problemsOf(gateway('amount &gt; 100'), { knownNames: ['amount'] })).toEqual([]);
    expect(await problemsOf(gateway('task.amount &gt; 100 and filedAt &lt; today()'))).toEqual([]);
  });
});

describe('refused user tasks', () => {
  it.each([
    ['without a form key', `<bpmn:userTask id="task" camunda:assignee="&quot;zhang&quot;"/>`, 'FORM_KEY_MISSING'],
    ['with a form key of the wrong shape', `<bpmn:userTask id="task" camunda:formKey="review" camunda:assignee="&quot;zhang&quot;"/>`, 'FORM_KEY_FORMAT'],
    ['without an assignment rule', `<bpmn:userTask id="task" camunda:formKey="test/form"/>`, 'ASSIGNMENT_MISSING'],
    ['with invalid FEEL as assignment', `<bpmn:userTask id="task" camunda:formKey="test/form" camunda:candidateGroups="{court: , role: 1}"/>`, 'ASSIGNMENT_FEEL'],
    ['with an unparsable due date', `<bpmn:userTask id="task" ${TASK} camunda:dueDate="五周"/>`, 'DEADLINE_SYNTAX'],
  ])('%s', async (_what, body, code) => {
    const problems = await problemsOf(diagram(body));
    expect(problems).toEqual([expect.objectContaining({ code, element: 'task' })]);
    expect(problems[0].message).toContain('用户任务（task）');
  });

  it('with a form that does not exist, when forms are known', async () => {
    const problems = await problemsOf(diagram(okTask), { knownForms: ['test/other'] });
    expect(problems).toEqual([expect.objectContaining({ code: 'FORM_UNKNOWN', element: 'task' })]);
  });
});

describe('refused timers', () => {
  const timer = (body: string) => diagram(`${okTask}<bpmn:boundaryEvent id="late" attachedToRef="task">
    <bpmn:timerEventDefinition>${body}</bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="lateEnd"/><bpmn:endEvent id="lateEnd"/>`);

  it.each([
    ['a notation the calendar cannot parse', '<bpmn:timeDuration>五个星期</bpmn:timeDuration>', 'DEADLINE_SYNTAX'],
    ['a base that is not a case variable', '<bpmn:timeDuration>20日 自 letterReceived</bpmn:timeDuration>', 'DEADLINE_BASE'],
    ['a cycle', '<bpmn:timeCycle>R3/P1D</bpmn:timeCycle>', 'TIMER_CYCLE'],
    ['no body', '', 'TIMER_BODY'],
  ])('%s', async (_what, body, code) => {
    const problems = await problemsOf(timer(body));
    expect(problems).toEqual([expect.objectContaining({ code, element: 'late' })]);
    expect(problems[0].message).toContain('边界事件（late）');
  });

  it('the calendar notation in its forms passes', async () => {
    for (const n of ['5日', '20日 自 letterReceivedAt', 'P5WD', '届满前10日预警 6个月 自 filedAt', '逾期10天 20日 自 letterReceivedAt', 'P30D']) {
      expect(await problemsOf(timer(`<bpmn:timeDuration>${n}</bpmn:timeDuration>`)), n).toEqual([]);
    }
    expect(await problemsOf(timer('<bpmn:timeDate>task.reportDueDate</bpmn:timeDate>'))).toEqual([]);
  });
});

describe('describeDefinition', () => {
  it('reads key and name of the executable process', () => {
    expect(describeDefinition(fixture('review.bpmn'))).toEqual({ key: 'reviewProcess', name: '信访审查' });
    expect(() => describeDefinition('<x/>')).toThrow(/可执行流程/);
  });
});

