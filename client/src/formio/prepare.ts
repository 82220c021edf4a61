// Adjusts a stored form schema for rendering in the platform (the stored revision is never
// changed): a submit button when the form has none, datetime pickers in Chinese, and file
// components pointed at the platform's attachments API for this task (?task=<id>).
import { ZH_CN } from './zh-CN';

interface Component {
  type?: string;
  key?: string;
  action?: string;
  label?: string;
  storage?: string;
  url?: string;
  widget?: { type?: string; locale?: string };
  components?: Component[];
  columns?: { components?: Component[] }[];
  // A table's rows are cells of components; a textarea's `rows` is its height (a number).
  rows?: { components?: Component[] }[][] | number;
  [k: string]: unknown;
}

function each(list: Component[] | undefined, visit: (c: Component) => void): void {
  for (const c of list ?? []) {
    visit(c);
    each(c.components, visit);
    for (const col of c.columns ?? []) each(col.components, visit);
    if (Array.isArray(c.rows)) for (const row of c.rows) for (const cell of row ?? []) each(cell?.components, visit);
  }
}

export function prepareSchema(schema: { components?: unknown[] }, opts: { uploadUrl?: string; readOnly?: boolean }) {
  const copy = JSON.parse(JSON.stringify(schema)) as { components: Component[]; [k: string]: unknown };
  copy.components ??= [];
  let hasSubmit = false;
  each(copy.components, (c) => {
    if (c.type === 'button' && (c.action ?? 'submit') === 'submit') {
      hasSubmit = true;
      // An English default label from the builder reads Chinese here.
      if (!c.label || c.label === 'Submit') c.label = ZH_CN.submit;
    }
    if (c.type === 'datetime') c.widget = { ...(c.widget ?? {}), type: c.widget?.type ?? 'calendar', locale: 'zh' };
    // Whatever the JSON says (the server stores /api/attachments), files go to this task's
    // attachments: never to another host.
    if (c.type === 'file' && opts.uploadUrl) {
      c.storage = 'url';
      c.url = opts.uploadUrl;
    }
  });
  if (!hasSubmit && !opts.readOnly) {
    copy.components.push({ type: 'button', key: 'submit', action: 'submit', label: ZH_CN.submit, theme: 'primary', input: true });
  }
  return copy;
}
