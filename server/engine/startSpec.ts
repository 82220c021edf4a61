// Timer and message start events of a process (issue 17): read from the parsed diagram (the
// moddle tree), pure and browser-safe, so deploy, the modeler's lint and the platform's start
// registry (server/starts) read them the same way. Conventions (Camunda "Extension properties"
// on the start event, all optional):
//   start.courts            timer starts: 本院 (default: one case, the issuing court supervising
//                           itself) or a court level 高院|中院|基层|专门 (one case per court of
//                           that level under the issuing court, which supervises them)
//   start.supervisingCourt  message starts: FEEL over `sender` {supervisingCourt,
//   start.supervisedCourt   supervisedCourt, caseNo} and the payload (under the event's id);
//                           default: the sending case's courts
import type { ModdleElement } from 'bpmn-moddle';

type El = ModdleElement;

export const START_FIELDS = ['courts', 'supervisingCourt', 'supervisedCourt'] as const;
export const START_LEVELS = ['高院', '中院', '基层', '专门'] as const;
const PREFIX = 'start.';

export type StartSpec =
  | { kind: 'timer'; eventId: string; name?: string; cycle: string; courts: string; props: Record<string, string> }
  | { kind: 'message'; eventId: string; name?: string; message: string; props: Record<string, string> };

/** The element's `start.*` extension properties as {field: text}. */
export function readStartProps(el: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of ((el.extensionElements as { values?: El[] } | undefined)?.values ?? [])) {
    if (v.$type !== 'camunda:Properties') continue;
    for (const p of (v.values ?? []) as { name?: string; value?: string }[]) {
      if (p.name?.startsWith(PREFIX)) out[p.name.slice(PREFIX.length)] = (p.value ?? '').trim();
    }
  }
  return out;
}

/** A start event directly in a process (not in a sub-process or event sub-process). */
export function isProcessStart(el: El): boolean {
  return el.$type === 'bpmn:StartEvent' && (el.$parent as El | undefined)?.$type === 'bpmn:Process';
}

/** What starts the process: a timer or message start event, or null for a none start. */
export function startSpecOf(el: El): StartSpec | null {
  if (!isProcessStart(el)) return null;
  const defs = (el.eventDefinitions ?? []) as El[];
  const props = readStartProps(el);
  const name = typeof el.name === 'string' && el.name.trim() ? el.name.trim() : undefined;
  const timer = defs.find((d) => d.$type === 'bpmn:TimerEventDefinition');
  if (timer) {
    const cycle = ((timer.timeCycle as { body?: string } | undefined)?.body ?? '').trim();
    return { kind: 'timer', eventId: el.id as string, ...(name ? { name } : {}), cycle, courts: props.courts || '本院', props };
  }
  const message = defs.find((d) => d.$type === 'bpmn:MessageEventDefinition');
  if (message) {
    const ref = message.messageRef as El | undefined;
    return { kind: 'message', eventId: el.id as string, ...(name ? { name } : {}), message: typeof ref?.name === 'string' ? ref.name.trim() : '', props };
  }
  return null;
}

/** The timer / message start events of every process of a parsed diagram. */
export function startSpecs(definitions: El): StartSpec[] {
  const out: StartSpec[] = [];
  for (const p of ((definitions.rootElements ?? []) as El[]).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable)) {
    for (const el of (p.flowElements ?? []) as El[]) {
      const s = startSpecOf(el);
      if (s) out.push(s);
    }
  }
  return out;
}
