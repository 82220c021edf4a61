// Adjusts a stored form schema for rendering in the platform (the stored revision is never
// changed): a submit button when the form has none, and one that can always be pressed (it
// then lists what is wrong, instead of staying grey without a reason), datetime pickers in
// Chinese, file components pointed at the platform's attachments API for this task
// (?task=<id>), and Chinese names for layout components (screen readers announce them).
// The walk is Form.io's own (it knows a table's rows from a textarea's `rows: 4`).
import { Utils } from '@formio/js/form';
import flatpickr from 'flatpickr';
import { strictParseDate } from './typedDates';
import { ZH_CN } from './zh-CN';

interface Component {
  type?: string;
  key?: string;
  action?: string;
  label?: string;
  title?: string;
  legend?: string;
  storage?: string;
  url?: string;
  disableOnInvalid?: boolean;
  widget?: { type?: string; locale?: string };
  [k: string]: unknown;
}

/** What a layout component is called when its label is the builder's English default or its key. */
const LAYOUT_NAME: Record<string, string> = { columns: '分栏', table: '表格', well: '区块', content: '说明', fieldset: '分组', panel: '面板' };
const hasChinese = (s: unknown) => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

const eachComponent = (Utils as unknown as { eachComponent(list: unknown[], fn: (c: Component) => void, includeAll?: boolean): void }).eachComponent;

export function prepareSchema(schema: { components?: unknown[] }, opts: { uploadUrl?: string; readOnly?: boolean }) {
  const copy = JSON.parse(JSON.stringify(schema)) as { components: Component[]; [k: string]: unknown };
  copy.components ??= [];
  let hasSubmit = false;
  eachComponent(copy.components, (c) => {
    if (c.type === 'button' && (c.action ?? 'submit') === 'submit') {
      hasSubmit = true;
      // An English default label from the builder reads Chinese here.
      if (!c.label || c.label === 'Submit') c.label = ZH_CN.submit;
      c.disableOnInvalid = false;
    }
    if (c.type && LAYOUT_NAME[c.type] && !hasChinese(c.label)) c.label = hasChinese(c.title) ? c.title : hasChinese(c.legend) ? c.legend : LAYOUT_NAME[c.type];
    if (c.type === 'datetime') {
      c.widget = { ...(c.widget ?? {}), type: c.widget?.type ?? 'calendar', locale: 'zh' };
      // Form.io hands customOptions to flatpickr: a typed 2026-02-30 is refused, not rolled over.
      const custom = typeof c.customOptions === 'object' && c.customOptions ? c.customOptions : {};
      c.customOptions = {
        ...custom,
        parseDate: strictParseDate((text, format) => flatpickr.parseDate(text, format)),
        // A refused date is shown on the field (typedDates.ts); flatpickr need not also warn.
        errorHandler: (err: Error) => {
          if (!/Invalid date/i.test(err?.message ?? '')) console.warn(err);
        },
      };
    }
    // Whatever the JSON says (the server stores /api/attachments), files go to this task's
    // attachments: never to another host.
    if (c.type === 'file' && opts.uploadUrl) {
      c.storage = 'url';
      c.url = opts.uploadUrl;
    }
  }, true);
  if (!hasSubmit && !opts.readOnly) {
    copy.components.push({ type: 'button', key: 'submit', action: 'submit', label: ZH_CN.submit, theme: 'primary', input: true });
  }
  return copy;
}
