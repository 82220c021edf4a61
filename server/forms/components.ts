// Walking a Form.io schema. Children live in three places: `components` (panel, fieldset, well,
// datagrid), `columns[].components` (columns) and `rows[][].components` (table).
export interface Component {
  type?: string;
  key?: string;
  label?: string;
  input?: boolean;
  multiple?: boolean;
  components?: Component[];
  columns?: { components?: Component[] }[];
  rows?: { components?: Component[] }[][];
  properties?: Record<string, unknown>;
  validate?: Record<string, unknown>;
  [prop: string]: unknown;
}

export interface FormSchema {
  components: Component[];
  [prop: string]: unknown;
}

/** Types that only arrange or decorate: no value of their own in the submission. */
export const LAYOUT_TYPES = new Set(['panel', 'columns', 'fieldset', 'well', 'table', 'content']);
/** Types whose value is an array of rows holding their children's values. */
export const ROW_TYPES = new Set(['datagrid']);

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The direct child components, in document order, with where each sits in the JSON. */
export function childrenOf(c: Component, at: string): { component: Component; at: string }[] {
  const out: { component: Component; at: string }[] = [];
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((child, i) => isObject(child) && out.push({ component: child as Component, at: `${base}[${i}]` }));
  };
  add(c.components, `${at}.components`);
  if (Array.isArray(c.columns)) c.columns.forEach((col, i) => isObject(col) && add(col.components, `${at}.columns[${i}].components`));
  if (Array.isArray(c.rows)) {
    c.rows.forEach((row, r) =>
      Array.isArray(row) && row.forEach((cell, i) => isObject(cell) && add(cell.components, `${at}.rows[${r}][${i}].components`)),
    );
  }
  return out;
}

export interface Visit {
  component: Component;
  /** JSON location in the schema, e.g. `components[2].columns[0].components[1]`. */
  at: string;
  /** 1 for top-level components. */
  depth: number;
  /** The enclosing row component (datagrid), if any. */
  inRow?: Component;
}

/** Depth-first, pre-order; `visit` returning false skips the component's children. */
export function walk(schema: { components?: unknown }, visit: (v: Visit) => boolean | void): void {
  const go = (list: { component: Component; at: string }[], depth: number, inRow?: Component) => {
    for (const { component, at } of list) {
      if (visit({ component, at, depth, inRow }) === false) continue;
      const rowOwner = ROW_TYPES.has(component.type ?? '') ? component : inRow;
      go(childrenOf(component, at), depth + 1, rowOwner);
    }
  };
  const top = Array.isArray(schema.components) ? schema.components : [];
  go(top.flatMap((c, i) => (isObject(c) ? [{ component: c as Component, at: `components[${i}]` }] : [])), 1);
}

/** The label shown to users: the component's Chinese label, else its key. */
export const labelOf = (c: Component): string => (typeof c.label === 'string' && c.label.trim() ? c.label : (c.key ?? ''));
