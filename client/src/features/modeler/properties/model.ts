// Reading and writing the platform's modelling conventions (server/engine/README.md) on a
// diagram element. Every write is ONE bpmn-js command (modeling.updateProperties /
// updateModdleProperties), so that each change is one step of undo/redo.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { isCycleNotation } from '../../../../../server/calendar/cycle';
export type Element = { id: string; type: string; businessObject: any; source?: Element };
export interface Services {
  modeling: any;
  bpmnFactory: any;
}

export const bo = (el: Element) => el.businessObject;
export const isType = (el: Element, type: string) => !!bo(el)?.$instanceOf?.(type);

export function timerOf(el: Element): any | undefined {
  return (bo(el)?.eventDefinitions ?? []).find((d: any) => d.$instanceOf('bpmn:TimerEventDefinition'));
}

/** Elements that carry a deadline: user tasks (camunda:dueDate) and timer events. */
export const hasDeadline = (el: Element) => isType(el, 'bpmn:UserTask') || !!timerOf(el);

export function getDeadline(el: Element): string {
  if (isType(el, 'bpmn:UserTask')) return bo(el).get('camunda:dueDate') ?? '';
  const t = timerOf(el);
  if (!t) return '';
  const date = t.timeDate?.body;
  if (date) return /^\s*日期/.test(date) ? date : `日期 ${date}`;
  return t.timeDuration?.body ?? t.timeCycle?.body ?? '';
}

export function setDeadline(s: Services, el: Element, value: string): void {
  const text = value.trim();
  if (isType(el, 'bpmn:UserTask')) {
    s.modeling.updateProperties(el, { 'camunda:dueDate': text || undefined });
    return;
  }
  const t = timerOf(el);
  if (!t) return;
  const body = text ? s.bpmnFactory.create('bpmn:FormalExpression', { body: text }) : undefined;
  // The notation covers dates too (`日期 reportDueDate`): one body, in timeDuration; a cycle
  // (每个工作日 9:00, 每季度首月10日前, R/…: server/calendar/cycle.ts) is a timeCycle.
  const cycle = isCycleNotation(text);
  s.modeling.updateModdleProperties(el, t, { timeDuration: cycle ? undefined : body, timeDate: undefined, timeCycle: cycle ? body : undefined });
}

export const getFormKey = (el: Element): string => bo(el).get('camunda:formKey') ?? '';
export const setFormKey = (s: Services, el: Element, key: string) =>
  s.modeling.updateProperties(el, { 'camunda:formKey': key || undefined });

export type AssignmentMode = 'groups' | 'assignee';
export const getAssignmentMode = (el: Element): AssignmentMode =>
  bo(el).get('camunda:assignee') !== undefined && bo(el).get('camunda:candidateGroups') === undefined ? 'assignee' : 'groups';
export const getAssignment = (el: Element): string =>
  (getAssignmentMode(el) === 'assignee' ? bo(el).get('camunda:assignee') : bo(el).get('camunda:candidateGroups')) ?? '';

/** Exactly one of assignee / candidateGroups, in one command; candidateUsers is removed. */
export function setAssignment(s: Services, el: Element, mode: AssignmentMode, feel: string): void {
  s.modeling.updateProperties(el, {
    'camunda:candidateGroups': mode === 'groups' ? feel : undefined,
    'camunda:assignee': mode === 'assignee' ? feel : undefined,
    'camunda:candidateUsers': undefined,
  });
}

/** `{court: supervisedCourt, role: "承办人"}` ⇄ {court, role}; undefined when written otherwise. */
const GROUPS = /^\s*=?\s*\{\s*court\s*:\s*([^,{}]+?)\s*,\s*role\s*:\s*"([^"]*)"\s*\}\s*$/;
export function parseCourtRole(feel: string): { court: string; role: string } | undefined {
  const m = GROUPS.exec(feel);
  return m ? { court: m[1], role: m[2] } : undefined;
}
export const courtRoleFeel = (court: string, role: string) => `{court: ${court}, role: "${role}"}`;

export function getDocumentation(el: Element): string {
  return (bo(el).documentation ?? []).map((d: any) => d.text ?? '').join('\n');
}
export function setDocumentation(s: Services, el: Element, text: string): void {
  const docs = text.trim() ? [s.bpmnFactory.create('bpmn:Documentation', { text })] : [];
  s.modeling.updateProperties(el, { documentation: docs });
}

/** A sequence flow leaving a gateway may carry a FEEL condition (no `language`). */
export function hasCondition(el: Element): boolean {
  if (!isType(el, 'bpmn:SequenceFlow')) return false;
  const src = bo(el).sourceRef;
  return !!bo(el).conditionExpression || src?.$instanceOf('bpmn:ExclusiveGateway') || src?.$instanceOf('bpmn:InclusiveGateway');
}
export const getCondition = (el: Element): string => bo(el).conditionExpression?.body ?? '';
export function setCondition(s: Services, el: Element, feel: string): void {
  const expr = feel.trim() ? s.bpmnFactory.create('bpmn:FormalExpression', { body: feel }) : undefined;
  s.modeling.updateProperties(el, { conditionExpression: expr });
}
