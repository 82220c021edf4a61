// What the builder offers: exactly the component types the server accepts
// (server/forms/policy.ts SUPPORTED_COMPONENT_TYPES) with Chinese names and defaults, and edit
// dialogs that keep only the settings a clerk needs — nothing that would put JavaScript into a
// form (the server refuses it), nothing the platform ignores. The dialogs are whitelisted per
// tab (editFormOverrides), so a Form.io upgrade cannot slip an untranslated field in.
/* eslint-disable @typescript-eslint/no-explicit-any */

interface PaletteEntry {
  title: string;
  icon: string;
  schema: Record<string, unknown>;
}

const entry = (type: string, title: string, icon: string, schema: Record<string, unknown> = {}): [string, PaletteEntry] => [
  type,
  { title, icon, schema: { type, label: title, key: type, input: true, ...schema } },
];

const INPUT = Object.fromEntries([
  entry('textfield', '单行文本', 'terminal'),
  entry('textarea', '多行文本', 'font', { rows: 3 }),
  entry('number', '数字', 'hashtag'),
  entry('select', '下拉选择', 'th-list', {
    dataSrc: 'values',
    widget: 'html5',
    data: { values: [{ label: '选项一', value: 'option1' }, { label: '选项二', value: 'option2' }] },
  }),
  entry('radio', '单选', 'dot-circle-o', { values: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] }),
  entry('checkbox', '勾选框', 'check-square'),
  entry('selectboxes', '多选', 'plus-square', { values: [{ label: '选项一', value: 'option1' }, { label: '选项二', value: 'option2' }] }),
  entry('datetime', '日期', 'calendar', { format: 'yyyy-MM-dd', enableTime: false, widget: { type: 'calendar', enableTime: false, format: 'yyyy-MM-dd' } }),
]);
const MORE = Object.fromEntries([
  entry('email', '电子邮箱', 'at'),
  entry('phoneNumber', '电话号码', 'phone', { inputMask: '' }),
  entry('currency', '金额（元）', 'usd', { currency: 'CNY', prefix: '¥' }),
  entry('file', '附件', 'file', { storage: 'url', url: '/api/attachments', multiple: true }),
  entry('hidden', '隐藏值', 'user-secret'),
  entry('button', '按钮', 'stop', { action: 'submit', input: true, label: '提交' }),
]);
const LAYOUT = Object.fromEntries([
  entry('panel', '面板', 'list-alt', { title: '面板', input: false, components: [] }),
  entry('columns', '分栏', 'columns', {
    input: false,
    columns: [{ components: [], width: 6, size: 'md' }, { components: [], width: 6, size: 'md' }],
  }),
  entry('fieldset', '字段组', 'th-large', { legend: '字段组', input: false, components: [] }),
  entry('well', '底色框', 'square-o', { input: false, components: [] }),
  entry('table', '表格布局', 'table', { input: false, numRows: 2, numCols: 2 }),
  entry('content', '说明文字', 'html5', { input: false, html: '<p>说明文字</p>' }),
  entry('datagrid', '明细表', 'th', { addAnother: '增加一行', components: [] }),
]);

export const palette = {
  basic: false,
  advanced: false,
  layout: false,
  data: false,
  premium: false,
  resource: false,
  dubanInput: { title: '常用字段', weight: 0, default: true, components: INPUT },
  dubanMore: { title: '更多字段', weight: 10, components: MORE },
  dubanLayout: { title: '布局', weight: 20, components: LAYOUT },
};

export const SUPPORTED_TYPES = [...Object.keys(INPUT), ...Object.keys(MORE), ...Object.keys(LAYOUT)];

/** The settings kept in each tab of the edit dialog; everything else is hidden. */
const KEEP: Record<string, string[]> = {
  display: [
    'label', 'labelPosition', 'placeholder', 'description', 'tooltip', 'prefix', 'suffix', 'hidden', 'hideLabel',
    'disabled', 'title', 'legend', 'columns', 'numRows', 'numCols', 'header', 'cellAlignment', 'striped', 'bordered',
    'rows', 'inline', 'format', 'addAnother',
  ],
  data: ['defaultValue', 'data.values', 'values', 'multiple'],
  validation: [
    'validate.required', 'validate.minLength', 'validate.maxLength', 'validate.pattern', 'validate.min', 'validate.max',
    'validate.minSelectedCount', 'validate.maxSelectedCount', 'validate.customMessage', 'minSelectedCountMessage',
    'maxSelectedCountMessage', 'errorLabel',
  ],
  api: ['key'],
  conditional: ['simple-conditional'],
  date: ['enableDate'],
  time: ['enableTime'],
  file: ['filePattern', 'fileMaxSize', 'fileMinSize'],
};
/** Per type, kept settings that are kept nowhere else. */
const KEEP_FOR: Record<string, string[]> = {
  file: ['multiple'],
};
const DROP_FOR: Record<string, string[]> = {
  // `multiple` turns a value into a list; only the file component means it.
  textfield: ['multiple'], textarea: ['multiple'], number: ['multiple'], select: ['multiple'], email: ['multiple'],
  phoneNumber: ['multiple'], currency: ['multiple'], datetime: ['multiple'], hidden: ['multiple'],
  button: ['labelPosition', 'placeholder', 'description', 'prefix', 'suffix', 'hideLabel', 'tooltip'],
};

/** Where a field's value comes from when its task opens (server/forms/prefill.ts). */
const PREFILL = {
  type: 'select',
  key: 'properties.prefill',
  label: '预填来源',
  tooltip: '任务打开时自动填入的案件信息；预填的字段为只读',
  input: true,
  weight: 5,
  widget: 'html5',
  dataSrc: 'values',
  data: {
    values: [
      { label: '督办案号', value: 'caseNo' },
      { label: '督办法院', value: 'supervisingCourt' },
      { label: '被督办法院', value: 'supervisedCourt' },
      { label: '任务名称', value: 'task.name' },
      { label: '任务期限', value: 'task.dueAt' },
      { label: '执行案号', value: 'subject.enforcementCaseNo' },
    ],
  },
};
const ADD: Record<string, Record<string, unknown>[]> = { api: [PREFILL] };
const NO_PREFILL = new Set(['panel', 'columns', 'fieldset', 'well', 'table', 'content', 'file', 'button', 'datagrid']);

/**
 * The edit-form overrides for one component type, computed from its default edit form: every
 * tab not kept and every top-level setting not kept is marked `ignore`.
 */
export function editFormOverrides(type: string, defaultEditForm: { components: any[] }): Record<string, unknown>[] {
  const tabs = defaultEditForm.components.find((c) => c.key === 'tabs')?.components ?? [];
  const keepFor = new Set(KEEP_FOR[type] ?? []);
  const dropFor = new Set(DROP_FOR[type] ?? []);
  return tabs.map((tab: any) => {
    const keep = KEEP[tab.key];
    if (!keep) return { key: tab.key, ignore: true };
    const keepSet = new Set(keep);
    const ignored = (tab.components ?? [])
      .filter((c: any) => c.key && ((!keepSet.has(c.key) && !keepFor.has(c.key)) || dropFor.has(c.key)))
      .map((c: any) => ({ key: c.key, ignore: true }));
    const added = tab.key === 'api' && NO_PREFILL.has(type) ? [] : (ADD[tab.key] ?? []);
    // Description and tooltip are edited in Ace, which Form.io loads by URL: plain text areas.
    const plain = (tab.components ?? [])
      .filter((c: any) => c.editor && keepSet.has(c.key) && !dropFor.has(c.key))
      .map((c: any) => ({ key: c.key, editor: '', as: '', wysiwyg: false, overrideEditForm: true }));
    return { key: tab.key, components: [...ignored, ...plain, ...added] };
  });
}
