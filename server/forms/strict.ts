// The strict type check Form.io lacks (FINDINGS.md): it accepts 2026-02-30 as a date, an
// object in a textarea, "yes" in a checkbox, and silently drops text in a number field.
// Runs on the submitted data (before Form.io cleans it) over every visible input component.
import { childrenOf, isObject, labelOf, LAYOUT_TYPES, ROW_TYPES, type Component } from './components';
import { optionValues } from './policy';
import { checkDate } from './dates';

export interface FieldIssue {
  field: string;
  label: string;
  message: string;
}
export interface FileRef {
  id: string;
  name: string;
  size: number;
  type: string;
}
export interface StrictResult {
  issues: FieldIssue[];
  /** Normalised values by data path (dates, file references). */
  fixes: Map<string, unknown>;
  files: { field: string; label: string; refs: FileRef[] }[];
}
export interface StrictOptions {
  hidden: (path: string) => boolean;
  /** Keys whose values the server supplies (prefill): not checked, never trusted. */
  skipKeys: Set<string>;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
const empty = (v: unknown) => v === undefined || v === null || v === '';
type Check = { ok: true; value?: unknown } | { ok: false; message: string };
const bad = (message: string): Check => ({ ok: false, message });

export function strictCheck(components: Component[], data: Record<string, unknown>, opts: StrictOptions): StrictResult {
  const result: StrictResult = { issues: [], fixes: new Map(), files: [] };
  const visit = (list: Component[], scope: Record<string, unknown>, prefix: string) => {
    for (const c of list) {
      const key = c.key ?? '';
      const path = `${prefix}${key}`;
      if (opts.hidden(path)) continue; // cleared by Form.io; whatever was sent does not count
      const children = childrenOf(c, '').map((x) => x.component);
      if (LAYOUT_TYPES.has(c.type ?? '')) {
        visit(children, scope, prefix);
        continue;
      }
      if (c.type === 'button' || opts.skipKeys.has(key) || (c.calculateValue !== undefined && c.calculateValue !== '')) continue;
      const value = scope[key];
      if (empty(value)) continue;
      const label = labelOf(c);
      if (ROW_TYPES.has(c.type ?? '')) {
        if (!Array.isArray(value)) {
          result.issues.push({ field: path, label, message: `${label}应为表格行的列表` });
          continue;
        }
        value.forEach((row, i) => {
          if (isObject(row)) visit(children, row, `${path}[${i}].`);
          else result.issues.push({ field: `${path}[${i}]`, label, message: `${label}第 ${i + 1} 行格式不正确` });
        });
        continue;
      }
      const check = checkValue(c, value, label);
      if (!check.ok) result.issues.push({ field: path, label, message: check.message });
      else if (check.value !== undefined) {
        result.fixes.set(path, check.value);
        if (c.type === 'file') result.files.push({ field: path, label, refs: check.value as FileRef[] });
      }
    }
  };
  visit(components, data, '');
  return result;
}

function checkValue(c: Component, v: unknown, label: string): Check {
  const many = c.multiple === true && c.type !== 'file' && c.type !== 'selectboxes';
  if (many) {
    if (!Array.isArray(v)) return bad(`${label}应为多个值的列表`);
    const out: unknown[] = [];
    for (const item of v) {
      const one = checkOne(c, item, label);
      if (!one.ok) return one;
      out.push(one.value ?? item);
    }
    return { ok: true, value: c.type === 'datetime' ? out : undefined };
  }
  return checkOne(c, v, label);
}

function checkOne(c: Component, v: unknown, label: string): Check {
  switch (c.type) {
    case 'textfield': case 'textarea': case 'email': case 'phoneNumber':
      return typeof v === 'string' ? { ok: true } : bad(`${label}应为文字`);
    case 'hidden':
      return ['string', 'number', 'boolean'].includes(typeof v) ? { ok: true } : bad(`${label}的值格式不正确`);
    case 'number': case 'currency':
      return typeof v === 'number' && Number.isFinite(v) ? { ok: true } : bad(`${label}应为数字`);
    case 'checkbox':
      return typeof v === 'boolean' ? { ok: true } : bad(`${label}应为“是”或“否”（true/false）`);
    case 'select': case 'radio':
      return optionValues(c).some((o) => o === v) ? { ok: true } : bad(`${label}的值不在可选项中`);
    case 'selectboxes': return checkBoxes(c, v, label);
    case 'datetime': {
      const d = checkDate(v, c.enableTime === false);
      return d.ok ? { ok: true, value: d.value } : bad(`${label}${d.message}`);
    }
    case 'file': return checkFiles(v, label);
    default:
      return bad(`${label}的组件类型 ${String(c.type)} 不受支持`);
  }
}

function checkBoxes(c: Component, v: unknown, label: string): Check {
  if (!isObject(v)) return bad(`${label}应为各选项的勾选状态`);
  const allowed = new Set(optionValues(c).map(String));
  for (const [k, x] of Object.entries(v)) {
    if (!allowed.has(k)) return bad(`${label}含有不存在的选项“${k}”`);
    if (typeof x !== 'boolean') return bad(`${label}的选项“${k}”应为 true 或 false`);
  }
  return { ok: true };
}

/** Form.io's url storage keeps our upload answer under `data`; only the id is trusted. */
function checkFiles(v: unknown, label: string): Check {
  const list = Array.isArray(v) ? v : [v];
  const refs: FileRef[] = [];
  for (const item of list) {
    const inner = isObject(item) && isObject(item.data) ? item.data : {};
    const id = isObject(item) ? (item.id ?? inner.id) : undefined;
    if (typeof id !== 'string' || !OBJECT_ID.test(id)) return bad(`${label}的附件引用无效，请重新上传`);
    const o = item as Record<string, unknown>;
    refs.push({ id, name: String(o.originalName ?? o.name ?? ''), size: Number(o.size ?? 0), type: String(o.type ?? '') });
  }
  return { ok: true, value: refs };
}
