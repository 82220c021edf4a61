// What changes between two contents of a package (a draft and the live version, or two
// versions): the basic information, deadlines (old → new), flow elements added, removed or
// changed, forms and their fields, articles, the data dictionary. Shown before publishing and in
// the version history; an empty diff means publishing would change nothing.
import { canonicalJson, canonicalText, isNote, type StoredFile } from './draftContent';
import { readFlowItems, type FlowItem } from './diagram';
import type { Change, PackageDiff } from './diff.types';
import { DIAGRAM_PATH, FORM_PATH } from './layout';

const TYPE_LABEL: Record<string, string> = {
  'bpmn:UserTask': '用户任务', 'bpmn:ServiceTask': '服务任务', 'bpmn:ScriptTask': '脚本任务', 'bpmn:Task': '任务',
  'bpmn:StartEvent': '开始事件', 'bpmn:EndEvent': '结束事件', 'bpmn:BoundaryEvent': '边界事件',
  'bpmn:IntermediateCatchEvent': '中间事件', 'bpmn:IntermediateThrowEvent': '中间事件',
  'bpmn:ExclusiveGateway': '排他网关', 'bpmn:ParallelGateway': '并行网关', 'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关', 'bpmn:SubProcess': '子流程', 'bpmn:CallActivity': '调用活动', 'bpmn:SequenceFlow': '顺序流',
};
export const typeLabel = (t: string) => TYPE_LABEL[t] ?? t.replace(/^bpmn:/, '');

interface Read {
  manifest: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  articles: { documents?: { id: string; articles?: { no: string; text: string }[] }[] };
  diagrams: Map<string, string>;
  forms: Map<string, Record<string, unknown>>;
  all: Map<string, string>;
}

function readFiles(files: StoredFile[]): Read {
  const parse = (t: string | undefined) => {
    try {
      return JSON.parse((t ?? '').replace(/^\uFEFF/, ''));
    } catch {
      return {};
    }
  };
  const all = new Map(files.filter((f) => !isNote(f.path)).map((f) => [f.path, f.text]));
  const r: Read = { manifest: parse(all.get('manifest.json')), articles: parse(all.get('articles.json')), diagrams: new Map(), forms: new Map(), all };
  for (const [p, t] of all) {
    if (DIAGRAM_PATH.test(p)) r.diagrams.set(p.slice('processes/'.length), t.replace(/^\uFEFF/, ''));
    if (FORM_PATH.test(p)) r.forms.set(p.slice('forms/'.length, -'.json'.length), parse(t));
  }
  return r;
}

const INFO: [string, string][] = [
  ['province', '省份'], ['title', '程序包名称'], ['version', '版次'], ['supersedes', '取代的程序包'],
  ['regulation.title', '办法全称'], ['regulation.docNo', '文号'], ['regulation.effective', '施行日期'],
];
const at = (o: Record<string, unknown>, path: string): string | null => {
  const v = path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
  return v === undefined || v === null || v === '' ? null : String(v);
};

function byKey<T>(list: T[], key: (t: T) => string): Map<string, T> {
  return new Map(list.map((t) => [key(t), t]));
}

function fieldsOf(schema: unknown): Map<string, { label: string; json: string }> {
  const out = new Map<string, { label: string; json: string }>();
  const visit = (c: unknown) => {
    if (Array.isArray(c)) return c.forEach(visit);
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    if (o.input && typeof o.key === 'string' && o.type !== 'button') {
      const { components: _c, columns: _o, rows: _r, ...own } = o;
      out.set(o.key, { label: String(o.label ?? o.key), json: JSON.stringify(own) });
    }
    for (const k of ['components', 'columns', 'rows']) if (Array.isArray(o[k])) visit(o[k]);
  };
  visit((schema as { components?: unknown })?.components);
  return out;
}

async function items(diagrams: Map<string, string>): Promise<Map<string, FlowItem>> {
  const out = new Map<string, FlowItem>();
  for (const xml of diagrams.values()) {
    for (const i of await readFlowItems(xml).catch(() => [])) out.set(`${i.process}\u0000${i.id}`, i);
  }
  return out;
}

export async function diffPackages(fromFiles: StoredFile[], toFiles: StoredFile[]): Promise<PackageDiff> {
  const a = readFiles(fromFiles);
  const b = readFiles(toFiles);
  const d: PackageDiff = { empty: true, info: [], deadlines: [], processes: [], elements: [], layout: [], forms: [], articles: [], dictionary: [] };

  for (const [field, label] of INFO) {
    const from = at(a.manifest, field);
    const to = at(b.manifest, field);
    if (from !== to) d.info.push({ field, label, from, to });
  }

  type P = { id: string; label: string; value: string; element: string; basis?: string };
  const pa = byKey<P>(a.manifest.parameters ?? [], (p) => p.id);
  const pb = byKey<P>(b.manifest.parameters ?? [], (p) => p.id);
  for (const [id, p] of pb) {
    const old = pa.get(id);
    if (!old) d.deadlines.push({ id, label: p.label, change: 'added', from: null, to: p.value, element: p.element });
    else if (old.value !== p.value || old.label !== p.label) {
      d.deadlines.push({ id, label: p.label, change: 'changed', from: old.value, to: p.value, element: p.element, ...(old.label !== p.label ? { labelFrom: old.label } : {}) });
    }
  }
  for (const [id, p] of pa) if (!pb.has(id)) d.deadlines.push({ id, label: p.label, change: 'removed', from: p.value, to: null, element: p.element });

  type Proc = { key: string; title: string };
  const ka = byKey<Proc>(a.manifest.processes ?? [], (p) => p.key);
  const kb = byKey<Proc>(b.manifest.processes ?? [], (p) => p.key);
  for (const [key, p] of kb) if (!ka.has(key)) d.processes.push({ key, title: p.title, change: 'added' });
  for (const [key, p] of ka) if (!kb.has(key)) d.processes.push({ key, title: p.title, change: 'removed' });
  for (const [key, p] of kb) if (ka.has(key) && ka.get(key)!.title !== p.title) d.processes.push({ key, title: p.title, change: 'changed' });

  const ia = await items(a.diagrams);
  const ib = await items(b.diagrams);
  const name = (i: FlowItem, all: Map<string, FlowItem>) => {
    if (i.name) return i.name;
    if (i.type !== 'bpmn:SequenceFlow') return i.id;
    const n = (id?: string) => (id ? all.get(`${i.process}\u0000${id}`)?.name ?? id : '?');
    return `${n(i.from)} → ${n(i.to)}`;
  };
  const show = (i: FlowItem, change: Change, all: Map<string, FlowItem>) =>
    d.elements.push({ process: i.process, id: i.id, name: name(i, all), type: typeLabel(i.type), change });
  for (const [k, i] of ib) {
    const old = ia.get(k);
    if (!old) show(i, 'added', ib);
    else if (old.signature !== i.signature || old.name !== i.name || old.type !== i.type) show(i, 'changed', ib);
  }
  for (const [k, i] of ia) if (!ib.has(k)) show(i, 'removed', ia);
  const touched = new Set(d.elements.map((e) => e.process));
  for (const [file, xml] of b.diagrams) {
    const old = a.diagrams.get(file);
    if (old === undefined || old === xml) continue;
    const processes = [...xml.matchAll(/<(?:bpmn:)?process\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    if (processes.some((p) => touched.has(p))) continue;
    if ((await canonicalText(`processes/${file}`, old)) !== (await canonicalText(`processes/${file}`, xml))) d.layout.push(file);
  }

  for (const [n, s] of b.forms) {
    const old = a.forms.get(n);
    const title = String((s as { title?: unknown }).title ?? n);
    if (!old) {
      d.forms.push({ name: n, title, change: 'added', fieldsAdded: [...fieldsOf(s).values()].map((f) => f.label), fieldsRemoved: [], fieldsChanged: [] });
      continue;
    }
    if (canonicalJson(JSON.stringify(old)) === canonicalJson(JSON.stringify(s))) continue;
    const fa = fieldsOf(old);
    const fb = fieldsOf(s);
    d.forms.push({
      name: n, title, change: 'changed',
      fieldsAdded: [...fb].filter(([k]) => !fa.has(k)).map(([, f]) => f.label),
      fieldsRemoved: [...fa].filter(([k]) => !fb.has(k)).map(([, f]) => f.label),
      fieldsChanged: [...fb].filter(([k, f]) => fa.has(k) && fa.get(k)!.json !== f.json).map(([, f]) => f.label),
    });
  }
  for (const [n, s] of a.forms) if (!b.forms.has(n)) d.forms.push({ name: n, title: String((s as { title?: unknown }).title ?? n), change: 'removed', fieldsAdded: [], fieldsRemoved: [], fieldsChanged: [] });

  const arts = (r: Read) => new Map((r.articles.documents ?? []).flatMap((doc) => (doc.articles ?? []).map((x) => [`${doc.id}\u0000${x.no}`, x.text] as const)));
  const aa = arts(a);
  const ab = arts(b);
  for (const [k, t] of ab) {
    const [document, no] = k.split('\u0000');
    if (!aa.has(k)) d.articles.push({ document, no, change: 'added' });
    else if (aa.get(k) !== t) d.articles.push({ document, no, change: 'changed' });
  }
  for (const k of aa.keys()) if (!ab.has(k)) d.articles.push({ document: k.split('\u0000')[0], no: k.split('\u0000')[1], change: 'removed' });

  type V = { name: string; label: string; type?: string };
  const va = byKey<V>(a.manifest.dictionary ?? [], (v) => v.name);
  const vb = byKey<V>(b.manifest.dictionary ?? [], (v) => v.name);
  for (const [n, v] of vb) {
    if (!va.has(n)) d.dictionary.push({ name: n, label: v.label, change: 'added' });
    else if (va.get(n)!.label !== v.label || va.get(n)!.type !== v.type) d.dictionary.push({ name: n, label: v.label, change: 'changed' });
  }
  for (const [n, v] of va) if (!vb.has(n)) d.dictionary.push({ name: n, label: v.label, change: 'removed' });

  d.empty = !d.info.length && !d.deadlines.length && !d.processes.length && !d.elements.length && !d.layout.length
    && !d.forms.length && !d.articles.length && !d.dictionary.length;
  return d;
}
