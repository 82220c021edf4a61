// The save-time policy for a form revision (server/forms/README.md). Pure: schema in, every
// violation out, each {field: component key (or JSON path), message (Chinese)}.
import { isObject, labelOf, LAYOUT_TYPES, walk, type Component } from './components';
import { isPrefillSource, prefillSourceOf } from './prefill';
import { formLevelFindings, scriptFindings } from './scripts';

export const SUPPORTED_COMPONENT_TYPES = [
  'panel', 'columns', 'fieldset', 'well', 'table', 'content', 'textfield', 'textarea', 'number',
  'checkbox', 'select', 'radio', 'selectboxes', 'datetime', 'email', 'phoneNumber', 'currency',
  'hidden', 'file', 'datagrid', 'button',
] as const;
const SUPPORTED = new Set<string>(SUPPORTED_COMPONENT_TYPES);

export const LIMITS = { bytes: 256 * 1024, components: 300, depth: 8 } as const;
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Option values become object keys (selectboxes) and MongoDB field names. */
const OPTION_KEY = /^[^.$\s][^.\s]*$/;

export interface Problem {
  field: string;
  message: string;
}

export function checkSchema(schema: unknown): Problem[] {
  if (!isObject(schema) || !Array.isArray(schema.components)) {
    return [{ field: 'schema', message: '表单定义应为对象，且含组件列表（components 数组）' }];
  }
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  if (bytes > LIMITS.bytes) {
    problems.push({ field: 'schema', message: `表单定义 ${Math.ceil(bytes / 1024)} KB，超过 ${LIMITS.bytes / 1024} KB 上限` });
  }
  if (schema.display !== undefined && schema.display !== 'form' && schema.display !== 'wizard') {
    problems.push({ field: 'display', message: '表单显示方式只能是 form 或 wizard' });
  }
  for (const message of formLevelFindings(schema)) problems.push({ field: 'schema', message });

  const seen = new Map<string, string>();
  let count = 0;
  let deepest = 0;
  walk(schema, ({ component: c, at, depth, inRow }) => {
    count++;
    deepest = Math.max(deepest, depth);
    const field = typeof c.key === 'string' && c.key ? c.key : at;
    const add = (message: string) => problems.push({ field, message });
    const name = `组件「${labelOf(c) || at}」`;

    if (typeof c.type !== 'string' || !SUPPORTED.has(c.type)) {
      add(`${name}的类型 ${String(c.type)} 不受平台支持；支持的类型：${SUPPORTED_COMPONENT_TYPES.join('、')}`);
    }
    if (typeof c.key !== 'string' || !KEY_PATTERN.test(c.key)) {
      add(`${name}的键 ${JSON.stringify(c.key ?? null)} 无效：须以英文字母开头，只含英文字母、数字和下划线`);
    } else if (seen.has(c.key)) {
      add(`键 ${c.key} 重复（${seen.get(c.key)} 已使用），每个组件的键必须唯一`);
    } else {
      seen.set(c.key, at);
    }
    for (const message of scriptFindings(c)) add(`${name}${message}`);
    for (const message of optionFindings(c)) add(`${name}${message}`);
    const prefill = prefillSourceOf(c);
    if (c.properties?.prefill !== undefined && !isPrefillSource(c.properties.prefill)) {
      add(`${name}的预填来源 ${JSON.stringify(c.properties.prefill)} 无效：可用 caseNo、supervisingCourt、supervisedCourt、task.dueAt、task.name、subject.<字段>、variables.<路径>、ledger.<criticisms|situationNotices|praises|urges|exclusions|exclusionList>（督办台账）`);
    } else if (prefill && (inRow || LAYOUT_TYPES.has(c.type ?? '') || c.type === 'file' || c.type === 'button')) {
      add(`${name}不能预填：预填只用于表格之外的输入组件`);
    }
    if (count === LIMITS.components + 1) {
      problems.push({ field: 'schema', message: `组件超过 ${LIMITS.components} 个上限` });
    }
    return depth < LIMITS.depth + 1; // deeper levels are reported once, below
  });
  if (deepest > LIMITS.depth) {
    problems.push({ field: 'schema', message: `组件嵌套超过 ${LIMITS.depth} 层上限` });
  }
  return problems;
}

/** Choice components need options that are plain, key-safe values. */
function optionFindings(c: Component): string[] {
  if (c.type !== 'select' && c.type !== 'radio' && c.type !== 'selectboxes') return [];
  if (c.type === 'select' && (c.dataSrc ?? 'values') !== 'values') return []; // refused as a data source
  const values = optionValues(c);
  if (!values.length) return ['没有选项：请列出选项（值与显示文字）'];
  const out: string[] = [];
  if (new Set(values.map(String)).size !== values.length) out.push('的选项值重复');
  if (c.type === 'selectboxes' && values.some((v) => typeof v !== 'string' || !OPTION_KEY.test(v))) {
    out.push('的选项值不能为空，不能含“.”、空格或以“$”开头（它们会成为数据的字段名）');
  }
  if (values.some((v) => v === '' || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean'))) {
    out.push('的选项值须为非空的文字、数字或布尔值');
  }
  return out;
}

/** The allowed values of a select (data.values), radio or selectboxes (values). */
export function optionValues(c: Component): unknown[] {
  const list = c.type === 'select' ? (isObject(c.data) ? c.data.values : undefined) : c.values;
  return Array.isArray(list) ? list.filter(isObject).map((o) => o.value) : [];
}
