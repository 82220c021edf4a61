// Which strings of the builder's edit dialogs have no Chinese translation: every label,
// tooltip, placeholder, description and option text of every setting the dialogs keep. The
// e2e test asserts the list is empty (FINDINGS: a missing key shows the raw key or English).
/* eslint-disable @typescript-eslint/no-explicit-any */
const TEXT_FIELDS = ['label', 'tooltip', 'placeholder', 'description', 'legend', 'title', 'addAnother', 'prefix', 'suffix', 'content', 'html'];

export function untranslatedStrings(
  components: Record<string, any>,
  editForms: Record<string, Record<string, unknown>[]>,
  palette: Record<string, any>,
  dictionary: Record<string, string>,
): { text: string; where: string }[] {
  const out = new Map<string, string>();
  const add = (s: unknown, where: string) => {
    if (typeof s === 'string' && /[A-Za-z]{2}/.test(s.replace(/<[^>]*>/g, '')) && !(s in dictionary) && !out.has(s)) out.set(s, where);
  };
  const walk = (c: any, where: string): void => {
    if (Array.isArray(c)) return c.forEach((x) => walk(x, where));
    if (!c || typeof c !== 'object' || c.ignore) return;
    for (const k of TEXT_FIELDS) add(c[k], `${where}.${c.key}.${k}`);
    for (const v of c.values ?? []) add(v?.label, `${where}.${c.key}.values`);
    for (const v of c.data?.values ?? []) add(v?.label, `${where}.${c.key}.data.values`);
    for (const k of ['components', 'columns', 'rows']) if (c[k]) walk(c[k], where);
  };
  for (const [type, overrides] of Object.entries(editForms)) {
    walk(components[type].editForm(JSON.parse(JSON.stringify(overrides))).components, type);
  }
  for (const group of Object.values(palette)) {
    if (!group || typeof group !== 'object') continue;
    add(group.title, 'palette');
    for (const e of Object.values(group.components ?? {}) as any[]) add(e?.title, 'palette');
  }
  return [...out].map(([text, where]) => ({ text, where }));
}
