// Deploy rules of message catches and sends (server/engine/messages.ts for the conventions).
import type { ModdleElement } from 'bpmn-moddle';
import { parseNotation } from './deadlineText';
import { checkExpression } from './feel';
import { MESSAGE_FIELDS, readMessageSpec } from './messageSpec';
import { describe } from './validateLabels';
import type { Problem } from './types';

type El = ModdleElement;
interface Ctx { knownNames: Set<string>; add(p: Problem): void }

const CATCH_TYPES = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:ReceiveTask']);
const THROW_TYPES = new Set(['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent', 'bpmn:SendTask']);

/** The bpmn:message an element catches or throws, or undefined when it has none. */
export function messageRefOf(el: El): El | null | undefined {
  if (el.$type === 'bpmn:ReceiveTask' || el.$type === 'bpmn:SendTask') return (el.messageRef as El | undefined) ?? null;
  const def = ((el.eventDefinitions ?? []) as El[]).find((d) => d.$type === 'bpmn:MessageEventDefinition');
  return def ? ((def.messageRef as El | undefined) ?? null) : undefined;
}

/** `catch` / `throw` for an element that takes part in messaging, else undefined. */
export function messageRole(el: El): 'catch' | 'throw' | undefined {
  if (messageRefOf(el) === undefined) return undefined;
  if (CATCH_TYPES.has(el.$type)) return 'catch';
  if (THROW_TYPES.has(el.$type)) return 'throw';
  return undefined;
}

function feel(ctx: Ctx, el: El, what: string, expr: string): void {
  const r = checkExpression(expr, ctx.knownNames);
  for (const i of [...r.errors, ...r.warnings]) ctx.add({ element: el.id, code: 'MESSAGE_FEEL', message: `${describe(el)} 的${what}：${i.message}` });
}

/** One element's message rules; answers the message name it uses (for the file-wide check). */
export function messageRules(el: El, ctx: Ctx): { role: 'catch' | 'throw'; name: string } | undefined {
  const role = messageRole(el);
  if (!role) return undefined;
  const label = describe(el);
  const ref = messageRefOf(el);
  const name = typeof ref?.name === 'string' ? ref.name.trim() : '';
  if (!ref || !name) {
    ctx.add({ element: el.id, code: 'MESSAGE_NAME', message: `${label} 没有引用带名称的消息（bpmn:message 的 name）：消息按名称在案件之间投递` });
  }
  const spec = readMessageSpec(el as unknown as Record<string, unknown>);
  for (const f of Object.keys(spec)) {
    if (!(MESSAGE_FIELDS as readonly string[]).includes(f)) {
      ctx.add({ element: el.id, code: 'MESSAGE_FIELD', message: `${label} 的扩展属性「message.${f}」未知；可用：message.key、message.payload、message.expires` });
    } else if (role === 'catch' && f !== 'key') {
      ctx.add({ element: el.id, code: 'MESSAGE_FIELD', message: `${label} 接收消息，「message.${f}」只用于发送一方` });
    }
  }
  if (!spec.key) {
    ctx.add({ element: el.id, code: 'MESSAGE_KEY', message: `${label} 没有关联键（扩展属性 message.key，FEEL，如 enforcementCaseNo）：不知道消息属于哪一个案件` });
  } else feel(ctx, el, '关联键（message.key）', spec.key);
  if (role === 'throw' && spec.payload) feel(ctx, el, '消息内容（message.payload）', spec.payload);
  if (role === 'throw' && spec.expires) {
    try {
      parseNotation(spec.expires);
    } catch (err) {
      ctx.add({ element: el.id, code: 'MESSAGE_EXPIRES', message: `${label} 的消息有效期「${spec.expires}」无法识别：${(err as Error).message}` });
    }
  }
  return name ? { role, name } : undefined;
}

/**
 * File-wide: a message both sent and caught in one diagram would be handed over inside the
 * engine, bypassing the correlation key and the durable record; the platform refuses it.
 */
export function messageFileRules(uses: { element: string; role: 'catch' | 'throw'; name: string }[], add: (p: Problem) => void): void {
  const caught = new Set(uses.filter((u) => u.role === 'catch').map((u) => u.name));
  for (const u of uses) {
    if (u.role === 'throw' && caught.has(u.name)) {
      add({ element: u.element, code: 'MESSAGE_SAME_FILE', message: `消息「${u.name}」在同一流程图内既发送又接收：案件之间的消息须由另一个流程（另一个案件）发送；同一案件内请用顺序流` });
    }
  }
}

/** Names a catch makes known: the payload lands under the catching element's id. */
export function messageNames(el: El): string[] {
  return messageRole(el) === 'catch' && el.id ? [el.id as string] : [];
}
