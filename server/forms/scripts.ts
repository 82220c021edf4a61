// "No JavaScript anywhere in the schema": Form.io runs strings as code in several places —
// on the server inside process() and in every user's browser. Each is refused at save with
// the reason; JSONLogic (objects) stays allowed, since it is data, not code.
import { isObject, type Component } from './components';

export type Finding = string; // a Chinese message

// Script and active HTML, looked for after HTML entities are decoded and whitespace inside
// scheme names removed (security probe F15: `<svg/onload=…>`, `<img/src=x/onerror=…>`,
// `javascript&colon;`, `<iframe srcdoc>` and `<form action>` had passed the old pattern).
const ACTIVE_TAG = /<\s*\/?\s*(script|iframe|frame|object|embed|form|svg|math|base|meta|link|style|applet|template)\b/i;
const EVENT_ATTR = /<[^>]*[\s/"'`]on[a-z]+\s*=/i;
const ACTIVE_ATTR = /<[^>]*[\s/"'`](srcdoc|formaction|xlink:href)\s*=/i;
const SCRIPT_URL = /(javascript|vbscript|livescript)\s*:|data\s*:\s*text\/html/i;
const ENTITY = /&(#x?[0-9a-f]+|[a-z]+);?/gi;
const NAMED: Record<string, string> = { colon: ':', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', tab: '\t', newline: '\n', amp: '&', lpar: '(', rpar: ')' };
const decode = (v: string) => v.replace(ENTITY, (m, e: string) => {
  if (e[0] === '#') {
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code < 0x110000 ? String.fromCodePoint(code) : '';
  }
  return NAMED[e.toLowerCase()] ?? m;
});
// eslint-disable-next-line no-control-regex
const HTML_SCRIPT = { test(v: string): boolean {
  const text = decode(decode(v));
  const squeezed = text.replace(/[\s\u0000-\u001f]+/g, '');
  return ACTIVE_TAG.test(text) || EVENT_ATTR.test(text) || ACTIVE_ATTR.test(text) || SCRIPT_URL.test(text) || SCRIPT_URL.test(squeezed);
} };
/** lodash-template blocks (`{% %}`) and `{{ fn(...) }}` calls are evaluated by the renderer. */
const TEMPLATE_CODE = /\{%[\s\S]*?%\}|\{\{[^}]*\(/;

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Code-carrying properties of one component (its children are checked on their own). */
export function scriptFindings(c: Component): Finding[] {
  const out: Finding[] = [];
  const v = isObject(c.validate) ? c.validate : {};
  if (nonEmptyString(v.custom)) out.push('使用了自定义校验脚本（validate.custom），请改用 JSONLogic（validate.json）或内置规则');
  if (v.json !== undefined && !isObject(v.json) && v.json !== '') out.push('的 validate.json 必须是 JSONLogic 对象，不能是脚本');
  if (nonEmptyString(c.custom)) out.push('使用了自定义脚本（custom）');
  if (nonEmptyString(c.calculateValue)) out.push('的计算值（calculateValue）是脚本，请改用 JSONLogic 对象');
  if (nonEmptyString(c.customConditional)) out.push('使用了脚本条件（customConditional），请改用简单条件或 JSONLogic（conditional.json）');
  if (nonEmptyString(c.customDefaultValue)) out.push('的默认值脚本（customDefaultValue）不允许，请改用 JSONLogic 对象或固定默认值');
  const cond = isObject(c.conditional) ? c.conditional : {};
  if (cond.json !== undefined && !isObject(cond.json) && cond.json !== '') out.push('的 conditional.json 必须是 JSONLogic 对象，不能是脚本');
  out.push(...logicFindings(c.logic));
  out.push(...dataSourceFindings(c));
  for (const path of stringsWithCode(c)) out.push(`的属性 ${path} 含有脚本或不允许的 HTML（<script>、<iframe>、<form>、<svg>、on* 事件、javascript: 链接或模板代码）`);
  return out;
}

function logicFindings(logic: unknown): Finding[] {
  if (logic === undefined) return [];
  if (!Array.isArray(logic)) return ['的 logic 必须是数组'];
  const out: Finding[] = [];
  logic.forEach((rule, i) => {
    const trigger = isObject(rule) && isObject(rule.trigger) ? rule.trigger : {};
    if (trigger.type === 'javascript' || nonEmptyString(trigger.javascript)) out.push(`的逻辑规则 ${i + 1} 的触发条件是脚本（javascript），请改用简单条件或 JSONLogic`);
    const actions = isObject(rule) && Array.isArray(rule.actions) ? rule.actions : [];
    actions.forEach((a, j) => {
      const type = isObject(a) ? a.type : undefined;
      if (type === 'customAction' || type === 'value' || type === 'mergeComponentSchema' || type === 'javascript') {
        out.push(`的逻辑规则 ${i + 1} 的动作 ${j + 1} 类型为 ${String(type)}，会执行脚本，只允许 property 类动作`);
      }
    });
  });
  return out;
}

function dataSourceFindings(c: Component): Finding[] {
  if (c.type !== 'select') return [];
  const src = c.dataSrc ?? 'values';
  const data = isObject(c.data) ? c.data : {};
  if (src === 'url') return ['的数据来源为 URL（dataSrc: url）：服务器会去请求外部地址，不允许；请列出选项（values）'];
  if (src === 'custom' || nonEmptyString(data.custom)) return ['的数据来源为脚本（dataSrc: custom），不允许；请列出选项（values）'];
  if (src !== 'values') return [`的数据来源 ${String(src)} 不受支持，只能列出选项（values）`];
  return [];
}

/** Every string property (at any depth, child components excluded) that carries code. */
function stringsWithCode(c: Component): string[] {
  const found: string[] = [];
  const scan = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (HTML_SCRIPT.test(v) || TEMPLATE_CODE.test(v)) found.push(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => scan(x, `${path}[${i}]`));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) scan(x, path ? `${path}.${k}` : k);
  };
  for (const [k, v] of Object.entries(c)) {
    if (k === 'components' || k === 'columns' || k === 'rows') continue; // children: own visit
    scan(v, k);
  }
  // columns/rows hold layout props of their own beside the children
  for (const col of Array.isArray(c.columns) ? c.columns : []) if (isObject(col)) scan({ ...col, components: undefined }, 'columns');
  return found;
}

/** Form-level strings (title, etc.) checked the same way. */
export function formLevelFindings(schema: Record<string, unknown>): Finding[] {
  const rest = { ...schema, components: undefined };
  return stringsWithCode(rest as Component).map((p) => `表单属性 ${p} 含有脚本`);
}
