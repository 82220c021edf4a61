// Settings the platform forces on every revision (at save, and again before each server
// validation so that a revision stored by older code cannot slip past):
// - calculateServer: a calculated value is recomputed on the server, never taken from the client;
// - validate.onlyAvailableItems: a choice outside the listed options is refused;
// - prefilled components are disabled (read-only);
// - layout components have no value (input: false);
// - a hidden field's value is cleared (clearOnHide): nobody can set it from the browser, so a
//   value arriving for it was not typed by the user and is never kept unchecked;
// - files are uploaded through the platform (storage: url, /api/attachments).
import { isObject, LAYOUT_TYPES, walk, type FormSchema } from './components';
import { prefillSourceOf } from './prefill';

export const ATTACHMENTS_URL = '/api/attachments';

export function normalizeSchema<T extends FormSchema>(schema: T): T {
  const copy = structuredClone(schema);
  walk(copy, ({ component: c }) => {
    if (c.calculateValue !== undefined && c.calculateValue !== '') c.calculateServer = true;
    if (c.type === 'select' || c.type === 'radio' || c.type === 'selectboxes') {
      c.validate = { ...(isObject(c.validate) ? c.validate : {}), onlyAvailableItems: true };
    }
    if (prefillSourceOf(c)) c.disabled = true;
    if (c.clearOnHide === false) delete c.clearOnHide;
    if (LAYOUT_TYPES.has(c.type ?? '') && c.input === undefined) c.input = false;
    if (c.type === 'file') {
      c.storage = 'url';
      if (typeof c.url !== 'string' || !c.url.startsWith(ATTACHMENTS_URL)) c.url = ATTACHMENTS_URL;
    }
  });
  return copy;
}
