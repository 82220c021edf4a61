// The administrator's working copies of packages, kept in the browser (localStorage) so that a
// diagram drawn in the modeler and a form designed in the builder survive moving between pages
// and a reload. State changes only through the functions below; the server sees a working
// copy only as a zip (POST /api/packages), where it is checked like any other package.
import { reactive } from 'vue';
import { deriveParameters, processOf } from './deadlines';
import type { Articles, FormSchema, Manifest, PackageProblem, Workspace } from './types';
import { readZip, writeZip } from './zip';

const PREFIX = 'duban.workspace.v1.';
const cache = reactive(new Map<string, Workspace>());

function persist(ws: Workspace): void {
  ws.savedAt = new Date().toISOString();
  cache.set(ws.id, ws);
  localStorage.setItem(PREFIX + ws.id, JSON.stringify(ws));
}

export function getWorkspace(id: string): Workspace | undefined {
  if (!cache.has(id)) {
    const raw = localStorage.getItem(PREFIX + id);
    if (raw) cache.set(id, JSON.parse(raw) as Workspace);
  }
  return cache.get(id);
}

export function listWorkspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) {
      const ws = getWorkspace(key.slice(PREFIX.length));
      if (ws) out.push(ws);
    }
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export function discardWorkspace(id: string): void {
  cache.delete(id);
  localStorage.removeItem(PREFIX + id);
}

export interface NewPackage {
  id: string;
  province: string;
  title: string;
  regulationTitle: string;
  docNo?: string;
  effective: string;
  documentId: string;
  articles: { no: string; text: string }[];
}

export function createWorkspace(p: NewPackage): Workspace {
  const ws: Workspace = {
    id: p.id,
    manifest: {
      id: p.id,
      province: p.province,
      title: p.title,
      regulation: { title: p.regulationTitle, ...(p.docNo ? { docNo: p.docNo } : {}), effective: p.effective, articles: 'articles.json' },
      version: '1.0.0',
      processes: [],
      forms: [],
      parameters: [],
    },
    articles: { documents: [{ id: p.documentId, title: p.regulationTitle, ...(p.docNo ? { docNo: p.docNo } : {}), articles: p.articles }] },
    diagrams: {},
    forms: {},
    base: null,
    savedAt: '',
  };
  persist(ws);
  return cache.get(ws.id)!;
}

/** Opens a package version from the server's export as a working copy. */
export async function workspaceFromZip(zip: ArrayBuffer, version: number): Promise<Workspace> {
  const files = await readZip(zip);
  const text = (name: string) => new TextDecoder().decode(files.get(name) ?? new Uint8Array()).replace(/^\uFEFF/, '');
  const manifest = JSON.parse(text('manifest.json')) as Manifest;
  const ws: Workspace = {
    id: manifest.id,
    manifest,
    articles: JSON.parse(text('articles.json')) as Articles,
    diagrams: {},
    forms: {},
    base: { version },
    savedAt: '',
  };
  for (const name of files.keys()) {
    if (name.startsWith('processes/')) ws.diagrams[name.slice('processes/'.length)] = text(name);
    if (name.startsWith('forms/')) ws.forms[name.slice('forms/'.length).replace(/\.json$/, '')] = JSON.parse(text(name)) as FormSchema;
    if (name.startsWith('templates/')) (ws.templates ??= {})[name.slice('templates/'.length)] = toBase64(files.get(name)!);
  }
  persist(ws);
  return cache.get(ws.id)!;
}

export function updateManifest(ws: Workspace, change: Partial<Pick<Manifest, 'province' | 'title' | 'version' | 'supersedes'>> & { regulation?: Partial<Manifest['regulation']> }): void {
  const { regulation, ...rest } = change;
  Object.assign(ws.manifest, rest);
  if (regulation) Object.assign(ws.manifest.regulation, regulation);
  persist(ws);
}

export function setArticles(ws: Workspace, articles: Articles): void {
  ws.articles = articles;
  persist(ws);
}

const emptyDiagram = (key: string, title: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="http://duban.court/bpmn">
  <bpmn:process id="${key}" name="${title.replace(/[<&"]/g, '')}" isExecutable="true" />
  <bpmndi:BPMNDiagram id="BPMNDiagram_${key}">
    <bpmndi:BPMNPlane id="BPMNPlane_${key}" bpmnElement="${key}" />
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

export function addProcess(ws: Workspace, key: string, title: string): string {
  const file = `${key}.bpmn`;
  ws.diagrams[file] = emptyDiagram(key, title);
  ws.manifest.processes.push({ key, file, title });
  persist(ws);
  return file;
}

/** Saves a diagram; the process key and title follow the diagram, the parameters its deadlines. */
export function saveDiagram(ws: Workspace, file: string, xml: string): void {
  ws.diagrams[file] = xml;
  const p = processOf(xml);
  const entry = ws.manifest.processes.find((e) => e.file === file);
  if (p && entry) {
    entry.key = p.key;
    if (p.name) entry.title = p.name;
  }
  ws.manifest.parameters = deriveParameters(ws.diagrams, ws.manifest.parameters);
  persist(ws);
}

export function removeProcess(ws: Workspace, file: string): void {
  delete ws.diagrams[file];
  ws.manifest.processes = ws.manifest.processes.filter((p) => p.file !== file);
  ws.manifest.parameters = deriveParameters(ws.diagrams, ws.manifest.parameters);
  persist(ws);
}

export function addForm(ws: Workspace, name: string, title: string): void {
  ws.forms[name] = {
    display: 'form',
    title,
    components: [{ type: 'button', key: 'submit', label: '提交', action: 'submit', input: true, theme: 'primary', disableOnInvalid: true }],
  };
  persist(ws);
}

export function saveForm(ws: Workspace, name: string, schema: FormSchema): void {
  ws.forms[name] = schema;
  persist(ws);
}

export function removeForm(ws: Workspace, name: string): void {
  delete ws.forms[name];
  persist(ws);
}

export function setParameterLabel(ws: Workspace, id: string, label: string): void {
  const p = ws.manifest.parameters.find((x) => x.id === id);
  if (p) p.label = label;
  persist(ws);
}

export const formKeyOf = (ws: Workspace, name: string) => `${ws.id}/${name}`;

export function formOptions(ws: Workspace): { key: string; title: string }[] {
  return Object.entries(ws.forms).map(([name, s]) => ({ key: formKeyOf(ws, name), title: s.title ?? name }));
}

/** The manifest as it goes into the zip: forms and parameters follow the files. */
export function finalManifest(ws: Workspace): Manifest {
  return {
    ...ws.manifest,
    forms: Object.keys(ws.forms).sort().map((n) => formKeyOf(ws, n)),
    parameters: deriveParameters(ws.diagrams, ws.manifest.parameters),
  };
}

export function workspaceZip(ws: Workspace): Uint8Array {
  const enc = new TextEncoder();
  const json = (v: unknown) => enc.encode(`${JSON.stringify(v, null, 2)}\n`);
  const files = [
    { name: 'manifest.json', data: json(finalManifest(ws)) },
    { name: 'articles.json', data: json(ws.articles) },
    ...Object.keys(ws.diagrams).sort().map((f) => ({ name: `processes/${f}`, data: enc.encode(ws.diagrams[f]) })),
    ...Object.keys(ws.forms).sort().map((n) => ({ name: `forms/${n}.json`, data: json(ws.forms[n]) })),
    ...Object.keys(ws.templates ?? {}).sort().map((n) => ({ name: `templates/${n}`, data: fromBase64(ws.templates![n]) })),
  ];
  return writeZip(files);
}

/** The server's last answer about a working copy (import problems), shown on the elements. */
const problemsById = reactive(new Map<string, PackageProblem[]>());
export const problemsOf = (id: string): PackageProblem[] => problemsById.get(id) ?? [];
export function setProblems(id: string, problems: PackageProblem[]): void {
  problemsById.set(id, problems);
}

const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(''));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
