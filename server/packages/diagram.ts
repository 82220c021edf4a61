// Reading and editing a package diagram with bpmn-moddle (the model bpmn-js and Camunda Modeler
// use), never with text search: what the engine runs is what we read and write. Callers refuse
// DOCTYPE/ENTITY on the raw text before anything here parses it.
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

interface El {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: El; elementsById: Record<string, El> }>;
  toXML(el: El, opts: { format: boolean }): Promise<{ xml: string }>;
}

export type DeadlineSlot = 'timeDuration' | 'timeDate' | 'timeCycle' | 'dueDate';

export interface DiagramElement {
  id: string;
  type: string;
  name?: string;
  process: string;
  documentation: string;
  isTimer: boolean;
  deadline?: { slot: DeadlineSlot; value: string };
  formKey?: string;
}

const newModdle = () => new BpmnModdle({ camunda }) as unknown as Moddle;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function timerOf(el: El): El | undefined {
  return ((el.eventDefinitions ?? []) as El[]).find((d) => d.$type === 'bpmn:TimerEventDefinition');
}

function deadlineOf(el: El): DiagramElement['deadline'] {
  const timer = timerOf(el);
  if (timer) {
    for (const slot of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
      const body = str((timer[slot] as El | undefined)?.body);
      if (body) return { slot, value: body };
    }
    return undefined;
  }
  const due = el.$type === 'bpmn:UserTask' ? str(el.get('camunda:dueDate')) : '';
  return due ? { slot: 'dueDate', value: due } : undefined;
}

function walk(el: El, process: string, out: DiagramElement[]): void {
  for (const child of (el.flowElements ?? []) as El[]) {
    if (child.$type === 'bpmn:SequenceFlow' || !child.id) continue;
    const deadline = deadlineOf(child);
    out.push({
      id: child.id,
      type: child.$type,
      ...(str(child.name) ? { name: str(child.name) } : {}),
      process,
      documentation: ((child.documentation ?? []) as El[]).map((d) => str(d.text)).filter(Boolean).join('\n'),
      isTimer: !!timerOf(child),
      ...(deadline ? { deadline } : {}),
      ...(child.$type === 'bpmn:UserTask' && str(child.get('camunda:formKey')) ? { formKey: str(child.get('camunda:formKey')) } : {}),
    });
    walk(child, process, out);
  }
}

/** Every flow node of every process in the diagram (sequence flows left out). Throws if unparsable. */
export async function readDiagram(xml: string): Promise<DiagramElement[]> {
  const { rootElement } = await newModdle().fromXML(xml);
  const out: DiagramElement[] = [];
  for (const root of (rootElement.rootElements ?? []) as El[]) {
    if (root.$type === 'bpmn:Process' && root.id) walk(root, root.id, out);
  }
  return out;
}

/** The diagram with the deadline of one element replaced; the rest is re-serialized unchanged. */
export async function setDeadline(xml: string, elementId: string, slot: DeadlineSlot, value: string): Promise<string> {
  const moddle = newModdle();
  const { rootElement, elementsById } = await moddle.fromXML(xml);
  const el = elementsById[elementId];
  if (!el) throw new Error(`流程图中没有元素 ${elementId}`);
  if (slot === 'dueDate') {
    if (el.$type !== 'bpmn:UserTask') throw new Error(`元素 ${elementId} 不是用户任务`);
    el.set('camunda:dueDate', value);
  } else {
    const body = timerOf(el)?.[slot] as El | undefined;
    if (!body) throw new Error(`元素 ${elementId} 没有 ${slot} 定时器`);
    body.body = value;
  }
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

/** The line of the element's id attribute, for problems. */
export function lineOf(xml: string, id: string): number | undefined {
  const at = xml.search(new RegExp(`\\sid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  return at < 0 ? undefined : xml.slice(0, at).split('\n').length;
}

/** The diagram re-serialized by bpmn-moddle: the same model gives the same text (for comparing). */
export async function readDiagramCanonical(xml: string): Promise<string> {
  const moddle = newModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

export interface FlowItem {
  id: string;
  type: string;
  name?: string;
  process: string;
  /** Everything the engine reads from the element (attributes, conditions, extensions), as text. */
  signature: string;
  from?: string;
  to?: string;
}

// Children are compared on their own; incoming/outgoing follow the sequence flows; id and name are shown.
const SKIP = new Set(['flowElements', 'di', 'incoming', 'outgoing', 'artifacts', 'laneSets', 'id', 'name']);

const isRef = (k: string) => /Refs?$/.test(k) || k === 'default';

function signatureOf(v: unknown, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => signatureOf(x, depth));
  if (!v || typeof v !== 'object') return v;
  if (depth > 8) return '…';
  const el = v as El;
  const out: Record<string, unknown> = el.$type ? { $type: el.$type } : {};
  for (const k of Object.keys(el).sort()) {
    if (SKIP.has(k) || (k.startsWith('$') && k !== '$attrs' && k !== '$body')) continue;
    const value = el[k];
    if (isRef(k)) {
      const ref = (x: unknown) => (x && typeof x === 'object' ? `#${String((x as El).id)}` : x);
      out[k] = Array.isArray(value) ? value.map(ref) : ref(value);
    } else out[k] = signatureOf(value, depth + 1);
  }
  return out;
}

/** Every flow element, sequence flows included, with a signature for "what changed". */
export async function readFlowItems(xml: string): Promise<FlowItem[]> {
  const { rootElement } = await newModdle().fromXML(xml);
  const out: FlowItem[] = [];
  const visit = (container: El, process: string) => {
    for (const child of (container.flowElements ?? []) as El[]) {
      if (!child.id) continue;
      out.push({
        id: child.id, type: child.$type, process, signature: JSON.stringify(signatureOf(child)),
        ...(str(child.name) ? { name: str(child.name) } : {}),
        ...(child.$type === 'bpmn:SequenceFlow' ? { from: (child.sourceRef as El | undefined)?.id, to: (child.targetRef as El | undefined)?.id } : {}),
      });
      visit(child, process);
    }
  };
  for (const root of (rootElement.rootElements ?? []) as El[]) if (root.$type === 'bpmn:Process' && root.id) visit(root, root.id);
  return out;
}
