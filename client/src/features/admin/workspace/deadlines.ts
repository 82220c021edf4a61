// The deadlines of a diagram, read the way the server reads them (server/packages/diagram.ts):
// every timer body and every user task's camunda:dueDate, with the element's name and basis.
// The manifest's parameters are derived from them, so the administrator never keeps the list
// by hand and it always repeats the diagram word for word.
import type { Parameter } from './types';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

export interface DiagramDeadline {
  process: string;
  element: string;
  name: string;
  kind: 'task' | 'timer';
  attachedTo?: string;
  value: string;
  documentation: string;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').trim();
const child = (el: Element, local: string) => [...el.children].find((c) => c.namespaceURI === BPMN && c.localName === local);

export function diagramDeadlines(xml: string): DiagramDeadline[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return [];
  const out: DiagramDeadline[] = [];
  const names = new Map<string, string>();
  for (const el of doc.getElementsByTagNameNS(BPMN, '*')) {
    const id = el.getAttribute('id');
    if (id) names.set(id, el.getAttribute('name') ?? '');
  }
  for (const process of doc.getElementsByTagNameNS(BPMN, 'process')) {
    const pid = process.getAttribute('id') ?? '';
    for (const el of process.getElementsByTagNameNS(BPMN, '*')) {
      const id = el.getAttribute('id');
      if (!id) continue;
      const documentation = [...el.children].filter((c) => c.namespaceURI === BPMN && c.localName === 'documentation').map(text).join('\n');
      const base = { process: pid, element: id, name: el.getAttribute('name') ?? '', documentation };
      if (el.localName === 'userTask') {
        const due = (el.getAttributeNS(CAMUNDA, 'dueDate') ?? '').trim();
        if (due) out.push({ ...base, kind: 'task', value: due });
        continue;
      }
      const timer = child(el, 'timerEventDefinition');
      if (!timer) continue;
      const body = ['timeDuration', 'timeDate', 'timeCycle'].map((s) => text(child(timer, s))).find(Boolean);
      if (!body) continue;
      const attachedTo = el.getAttribute('attachedToRef') ?? undefined;
      out.push({ ...base, kind: 'timer', value: body, ...(attachedTo ? { attachedTo: names.get(attachedTo) || attachedTo } : {}) });
    }
  }
  return out;
}

function labelOf(d: DiagramDeadline): string {
  if (d.kind === 'task') return `${d.name || d.element}办理期限`;
  if (d.name) return d.name;
  return d.attachedTo ? `${d.attachedTo}期限` : `定时器 ${d.element}`;
}

/** The manifest's parameters for these diagrams; labels an administrator gave earlier are kept. */
export function deriveParameters(diagrams: Record<string, string>, previous: Parameter[]): Parameter[] {
  const all = Object.values(diagrams).flatMap(diagramDeadlines);
  const count = new Map<string, number>();
  for (const d of all) count.set(d.element, (count.get(d.element) ?? 0) + 1);
  const ids = new Set<string>();
  return all.map((d) => {
    const ambiguous = (count.get(d.element) ?? 0) > 1;
    const before = previous.find((p) => p.element === d.element && (!ambiguous || p.process === d.process));
    let id = before?.id ?? (ambiguous ? `${d.process}_${d.element}` : d.element);
    while (ids.has(id)) id = `${id}_2`;
    ids.add(id);
    return {
      id,
      label: before?.label ?? labelOf(d),
      element: d.element,
      ...(ambiguous ? { process: d.process } : {}),
      value: d.value,
      basis: d.documentation || before?.basis || '',
    };
  });
}

/** The executable process of a diagram: its id (the process key) and name. */
export function processOf(xml: string): { key: string; name: string } | undefined {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const p = doc.getElementsByTagNameNS(BPMN, 'process')[0];
  return p ? { key: p.getAttribute('id') ?? '', name: p.getAttribute('name') ?? '' } : undefined;
}
