// What the case diagram shows, derived from the case's record alone (pure):
//   completed — tasks completed, events reached, gateways passed (and the flows they took),
//               the start event; active — open tasks; overdue — open tasks past their due
//               instant, and tasks an interrupting deadline took away; warned — a
//               non-interrupting deadline (预警/催办) that fired.
import type { Badge, Mark } from '../../bpmn/viewer';
import type { CaseDetail } from '../../api/cases';
import { formatDue } from '../../i18n/format';

export interface DiagramFacts {
  /** boundary event id → {task it is attached to, whether it interrupts}. */
  boundaries: Map<string, { attachedTo: string; interrupting: boolean }>;
  startEvents: string[];
}

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

export function diagramFacts(xml: string): DiagramFacts {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const boundaries = new Map<string, { attachedTo: string; interrupting: boolean }>();
  for (const b of Array.from(doc.getElementsByTagNameNS(BPMN, 'boundaryEvent'))) {
    const id = b.getAttribute('id');
    const attachedTo = b.getAttribute('attachedToRef');
    if (id && attachedTo) boundaries.set(id, { attachedTo, interrupting: b.getAttribute('cancelActivity') !== 'false' });
  }
  // Top-level start events only: a sub-process's start is not the case's beginning.
  const startEvents = Array.from(doc.getElementsByTagNameNS(BPMN, 'startEvent'))
    .filter((s) => s.parentElement?.localName === 'process')
    .map((s) => s.getAttribute('id') ?? '')
    .filter(Boolean);
  return { boundaries, startEvents };
}

export function caseMarks(c: CaseDetail, facts: DiagramFacts, now: number) {
  const completed = new Set<string>(c.history.length ? facts.startEvents : []);
  const overdue = new Set<string>();
  const warned = new Set<string>();
  for (const h of c.history) {
    if (!h.element) continue;
    const d = (h.data ?? {}) as Record<string, unknown>;
    if (h.type === 'taskCompleted' || h.type === 'eventReached') completed.add(h.element);
    if (h.type === 'gatewayTaken') {
      completed.add(h.element);
      if (typeof d.flow === 'string') completed.add(d.flow);
    }
    if (h.type === 'timerFired') {
      const b = facts.boundaries.get(h.element);
      if (b?.interrupting) {
        overdue.add(h.element);
        overdue.add(b.attachedTo);
      } else warned.add(h.element);
    }
  }
  const active = new Set(c.tasks.map((t) => t.elementId));
  for (const t of c.tasks) if (t.dueAt && Date.parse(t.dueAt) <= now) overdue.add(t.elementId);
  // An element that is open again (a loop) shows its current state, not its past.
  for (const id of active) completed.delete(id);
  const marks: Record<Mark, string[]> = {
    completed: [...completed].filter((id) => !overdue.has(id)),
    active: [...active].filter((id) => !overdue.has(id)),
    overdue: [...overdue],
    warned: [...warned],
  };
  return marks;
}

export function caseBadges(c: CaseDetail, now: number): Badge[] {
  const badges: Badge[] = [];
  for (const t of c.tasks) {
    if (!t.dueAt) continue;
    const late = Date.parse(t.dueAt) <= now;
    badges.push({ element: t.elementId, text: `${late ? '已逾期 ' : '期限 '}${formatDue(t.dueAt)}`, kind: late ? 'overdue' : 'due', title: t.basis });
  }
  // Boundary timers sit on their task's edge, side by side: their due instants are in the
  // deadlines table (and the task's own badge); only free-standing timers get a badge here.
  for (const tm of c.timers) {
    if (tm.attachedTo) continue;
    badges.push({ element: tm.elementId, text: formatDue(tm.dueAt), kind: 'timer', title: [tm.deadline?.rule, tm.basis].filter(Boolean).join('；') });
  }
  return badges;
}
