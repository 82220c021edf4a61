// The one place the Form.io builder is created (STYLE.md: Form.io wrapped once). On top of the
// renderer setup (client/src/formio/setup.ts: no CDN, Chinese strings) it adds the builder's
// Chinese dictionary, a palette limited to what the server accepts, edit dialogs without
// JavaScript, and ASCII keys made from Chinese labels. A key the dictionary lacks is recorded
// (window.__dubanMissingFormioKeys) so the e2e test proves no raw key reaches the screen.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Components, FormBuilder, Formio } from '@formio/js';
import ChoicesWrapper from '@formio/js/lib/cjs/utils/ChoicesWrapper';
import { I18n } from '@formio/js/lib/cjs/utils/i18n';
import '@formio/js/dist/formio.full.min.css';
import { FORMIO_LANGUAGE, formioI18n, setupFormio } from '../../formio/setup';
import './builder.css';
import { untranslatedStrings } from './coverage';
import { collectKeys, keyForLabel, repairKeys } from './keys';
import { localizeBuilderDom } from './localize';
import { editFormOverrides, palette, SUPPORTED_TYPES } from './palette';
import { ZH_BUILDER } from './zh';

export interface FormSchema {
  display?: string;
  title?: string;
  components: unknown[];
  [k: string]: unknown;
}

export const missingFormioKeys = new Set<string>();
(globalThis as { __dubanMissingFormioKeys?: Set<string> }).__dubanMissingFormioKeys = missingFormioKeys;

let patched = false;
function patchOnce(dictionary: Record<string, string>): void {
  if (patched) return;
  patched = true;
  // The content component edits its HTML in CKEditor, which Form.io loads from a CDN: a plain
  // text area instead.
  const content = (Components as any).components.content;
  const contentForm = content.editForm;
  content.editForm = (...args: unknown[]) => {
    const form = contentForm(...args);
    for (const c of form.components) if (c.key === 'html') Object.assign(c, { editor: '', wysiwyg: false, as: '' });
    return form;
  };
  // Choices.js (Form.io's select widget) writes English into its buttons: Chinese defaults.
  const Choices = (ChoicesWrapper as any).default ?? ChoicesWrapper;
  if (Choices?.defaults?.options) Object.assign(Choices.defaults.options, {
    removeItemIconText: () => '删除',
    removeItemLabelText: (value: string, _raw: unknown, item?: { label?: string }) => `删除：${String(item?.label ?? value).replace(/<[^>]*>/g, '')}`,
    loadingText: '加载中…',
    noResultsText: '无匹配结果',
    noChoicesText: '无可选项',
    itemSelectText: '',
    uniqueItemText: '只能添加不重复的值',
    customAddItemText: '只能添加符合条件的值',
    addItemText: (value: string) => `按回车添加「${value}」`,
    maxItemText: (n: number) => `最多只能选择 ${n} 项`,
  });
  // Without a Form.io project the builder asks for project settings anyway and warns in the
  // console: no project, no request.
  const sdk = (Formio as any).prototype;
  const loadProject = sdk.loadProject;
  sdk.loadProject = function (this: { projectId?: string }, ...args: unknown[]) {
    return this.projectId ? loadProject.apply(this, args) : Promise.resolve(null);
  };
  // Record what would reach the screen untranslated: a key or English text, not the user's own.
  const t = I18n.prototype.t;
  I18n.prototype.t = function (this: { language: string }, text: string, ...args: unknown[]) {
    const out = t.call(this, text, ...args);
    if (this.language === FORMIO_LANGUAGE && typeof text === 'string' && out === text && /[A-Za-z]{2}/.test(text.replace(/<[^>]*>/g, ''))
      && !(text in dictionary)) {
      missingFormioKeys.add(text);
    }
    return out;
  };
}

let editForms: Record<string, Record<string, unknown>[]> | undefined;
function editFormConfig(): Record<string, Record<string, unknown>[]> {
  editForms ??= Object.fromEntries(
    SUPPORTED_TYPES.map((type) => [type, editFormOverrides(type, (Components as any).components[type].editForm())]),
  );
  return editForms;
}

/** An unset 预填来源 is saved by Form.io as "": the platform reads that as a bad source. */
function dropEmptyPrefill(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropEmptyPrefill);
  if (!node || typeof node !== 'object') return;
  const c = node as { properties?: Record<string, unknown>; components?: unknown; columns?: unknown; rows?: unknown };
  if (c.properties && (c.properties.prefill === '' || c.properties.prefill === null)) delete c.properties.prefill;
  if (c.properties && !Object.keys(c.properties).length) delete c.properties;
  for (const k of ['components', 'columns', 'rows'] as const) if (c[k]) dropEmptyPrefill(c[k]);
}

export interface BuilderHandle {
  schema(): FormSchema;
  onChange(fn: (schema: FormSchema) => void): void;
  destroy(): void;
}

/** The builder on `el`, editing a copy of `schema`. */
export async function createBuilder(el: HTMLElement, schema: FormSchema): Promise<BuilderHandle> {
  setupFormio();
  const dictionary = { ...formioI18n[FORMIO_LANGUAGE], ...ZH_BUILDER };
  patchOnce(dictionary);
  const form = JSON.parse(JSON.stringify({ display: 'form', ...schema })) as FormSchema;
  repairKeys(form);
  const stopLocalizing = localizeBuilderDom();
  const builder: any = new (FormBuilder as any)(el, form, {
    language: FORMIO_LANGUAGE,
    i18n: { [FORMIO_LANGUAGE]: dictionary },
    builder: palette,
    editForm: editFormConfig(),
    editJson: false,
    helplinks: 'false',
    noDefaultSubmitButton: true,
    sanitizeConfig: { addTags: [] },
  });
  await builder.ready;
  // For the e2e test: the edit-dialog strings without a translation (should be none).
  (window as unknown as { __dubanUntranslated?: () => unknown }).__dubanUntranslated = () =>
    untranslatedStrings((Components as any).components, editFormConfig(), palette, dictionary);
  const inst = builder.instance;
  // Keys from labels: ASCII, unique in the form (Form.io's camelCase keeps Chinese characters).
  const keyFor = (data: any) => {
    const taken = collectKeys(inst.form?.components ?? []);
    if (data?.key) taken.delete(data.key);
    return keyForLabel(data?.label || data?.title || '', taken, data?.type === 'button' ? 'button' : 'field');
  };
  inst.updateComponentKey = keyFor;
  inst.generateKey = (info: any) => (info.key && /^[A-Za-z][A-Za-z0-9_]*$/.test(info.key) ? info.key : keyFor(info));
  // Form.io follows the label only until it thinks the key was edited, which a change event of
  // the dialog's own set-up can make it believe: the key follows the label here for as long as
  // it is one we generated (or the palette's default), whatever Form.io decided.
  inst.on('editComponent', () => {
    const form = inst.editForm;
    if (!form) return;
    let generated = '';
    form.on('change', (e: any) => {
      if (!['label', 'title', 'legend'].includes(e?.changed?.component?.key)) return;
      const keyField = form.getComponent('key');
      if (!keyField) return;
      const current = String(keyField.getValue() ?? '');
      const type = String(form.data?.type ?? '');
      const auto = !current || current === generated || new RegExp(`^${type}\\d*$`, 'i').test(current) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(current);
      if (!auto) return;
      const next = keyFor({ ...form.data, key: current });
      if (next && next !== current) {
        keyField.setValue(next);
        generated = next;
      } else if (next === current) generated = current;
    });
  });

  const listeners: ((s: FormSchema) => void)[] = [];
  const emit = () => {
    const s = current();
    for (const fn of listeners) fn(s);
  };
  const current = (): FormSchema => {
    const s = JSON.parse(JSON.stringify(inst.form ?? builder.form)) as FormSchema;
    dropEmptyPrefill(s.components);
    repairKeys(s);
    return s;
  };
  inst.on('change', emit);
  inst.on('saveComponent', emit);
  inst.on('removeComponent', emit);
  inst.on('updateComponent', emit);
  return {
    schema: current,
    onChange: (fn) => listeners.push(fn),
    destroy: () => {
      stopLocalizing();
      builder.instance?.destroy?.(true);
    },
  };
}
