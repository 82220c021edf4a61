// The `message.*` extension properties and the bpmn:message of an element, read from the
// diagram: pure (no engine, no calendar data), so the deploy rules and the browser modeler's
// lint read them the same way (modelCheck.ts). server/engine/messages.ts for the conventions.
type Behaviour = Record<string, unknown> | undefined;
interface Named { $type?: string; name?: string; value?: string; values?: Named[] }

export const MESSAGE_FIELDS = ['key', 'payload', 'expires'] as const;
const PREFIX = 'message.';

/** The element's `message.*` properties as {field: text}. */
export function readMessageSpec(behaviour: Behaviour): Record<string, string> {
  const values = ((behaviour?.extensionElements as { values?: Named[] } | undefined)?.values ?? []);
  const out: Record<string, string> = {};
  for (const v of values) {
    if (v.$type !== 'camunda:Properties') continue;
    for (const p of v.values ?? []) {
      if (p.name?.startsWith(PREFIX)) out[p.name.slice(PREFIX.length)] = (p.value ?? '').trim();
    }
  }
  return out;
}

/** The message an element catches or throws: its bpmn:message (on the task or its event definition). */
export function messageOf(behaviour: Behaviour): { id?: string; name?: string } | undefined {
  const direct = behaviour?.messageRef as { id?: string; name?: string } | undefined;
  if (direct) return direct;
  for (const d of (behaviour?.eventDefinitions ?? []) as { type?: string; behaviour?: Behaviour }[]) {
    if (d.type === 'bpmn:MessageEventDefinition') return (d.behaviour?.messageRef as { id?: string; name?: string }) ?? {};
  }
  return undefined;
}

