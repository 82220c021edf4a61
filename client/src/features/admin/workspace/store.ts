// The administrator's drafts of packages, kept on the server (one per package, see
// server/packages/drafts.service.ts): every administrator of the issuing court, in any browser,
// continues the same draft, and a deep link to the modeler or the builder loads it. Edits apply
// here at once and are saved shortly after (a save names the revision it builds on, so a save
// over someone else's is refused, not lost). The browser keeps nothing: copies an older
// version of the platform left in localStorage can be uploaded as a draft once, or dropped.
import { reactive } from 'vue';
import { ApiError } from '../../../api/http';
import { draftsApi, type DraftInfo } from '../api/packages.api';
import { deriveParameters, processOf } from './deadlines';
import type { Articles, DictionaryEntry, FormSchema, Manifest, PackageProblem, PeriodDecision, Workspace } from './types';
import { writeZip } from './zip';

const cache = reactive(new Map<string, Workspace>());

/** Per draft: a save under way or waiting, and the last save's failure (a 409 above all). */
export interface SaveState {
  pending: boolean;
  error: ApiError | null;
}
const saveStates = reactive(new Map<string, SaveState>());
export const saveStateOf = (id: string): SaveState => {
  if (!saveStates.has(id)) saveStates.set(id, { pending: false, error: null });
  return saveStates.get(id)!;
};

function fromDraft(d: DraftInfo): Workspace {
  const c = d.content!;
  return {
    id: d.id, manifest: c.manifest, articles: c.articles, diagrams: c.diagrams, forms: c.forms,
    base: d.baseVersion === null ? null : { version: d.baseVersion },
    revision: d.revision, liveVersion: d.liveVersion, updatedBy: d.updatedBy?.name ?? '', savedAt: d.updatedAt,
  };
}

function accept(ws: Workspace, d: DraftInfo): void {
  Object.assign(ws, { revision: d.revision, liveVersion: d.liveVersion, updatedBy: d.updatedBy?.name ?? '', savedAt: d.updatedAt, base: d.baseVersion === null ? null : { version: d.baseVersion } });
}

const contentOf = (ws: Workspace) => ({ manifest: finalManifest(ws), articles: ws.articles, diagrams: ws.diagrams, forms: ws.forms });

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const inFlight = new Map<string, Promise<void>>();

async function saveToServer(ws: Workspace): Promise<void> {
  const state = saveStateOf(ws.id);
  try {
    accept(ws, await draftsApi.save(ws.id, contentOf(ws), ws.revision || undefined, ws.base?.version ?? null));
    state.error = null;
  } catch (err) {
    state.error = err instanceof ApiError ? err : new ApiError(0, 'network', '草稿未能保存，请检查网络后重试');
  } finally {
    state.pending = timers.has(ws.id);
  }
}

/** Saves a moment after the last edit (typing does not send a request per keystroke). */
function persist(ws: Workspace): void {
  const state = saveStateOf(ws.id);
  if (state.error?.status === 409) return; // someone else saved: reload first, never overwrite
  state.pending = true;
  clearTimeout(timers.get(ws.id));
  timers.set(ws.id, setTimeout(() => {
    timers.delete(ws.id);
    const previous = inFlight.get(ws.id) ?? Promise.resolve();
    const next = previous.then(() => saveToServer(ws));
    inFlight.set(ws.id, next);
  }, 400));
}

/** Waits until every edit so far is on the server; throws the save's error. */
export async function flushWorkspace(id: string): Promise<void> {
  const ws = cache.get(id);
  if (ws && timers.has(id)) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    inFlight.set(id, (inFlight.get(id) ?? Promise.resolve()).then(() => saveToServer(ws)));
  }
  await inFlight.get(id);
  const err = saveStateOf(id).error;
  if (err) throw err;
}

export function getWorkspace(id: string): Workspace | undefined {
  return cache.get(id);
}

/**
 * The package's draft from the server (POST …/draft: the existing draft, or one opened from the
 * live version). `fresh` reloads even when this page holds it already.
 */
export async function loadWorkspace(id: string, opts: { fresh?: boolean } = {}): Promise<Workspace | undefined> {
  if (cache.has(id) && !opts.fresh) return cache.get(id);
  const d = await draftsApi.open(id);
  cache.set(id, fromDraft(d));
  saveStates.set(id, { pending: false, error: null });
  return cache.get(id);
}

/** After the server changed the draft itself (rebase): its answer replaces what this page holds. */
export function replaceWorkspace(d: DraftInfo): Workspace {
  cache.set(d.id, fromDraft(d));
  saveStates.set(d.id, { pending: false, error: null });
  return cache.get(d.id)!;
}

export async function discardWorkspace(id: string): Promise<void> {
  clearTimeout(timers.get(id));
  timers.delete(id);
  await draftsApi.discard(id).catch((err) => {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  });
  forgetWorkspace(id);
}

/** Drops this page's copy (after publishing, the draft is gone on the server). */
export function forgetWorkspace(id: string): void {
  cache.delete(id);
  saveStates.delete(id);
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

/** A new package's draft, created on the server at once. */
export async function createWorkspace(p: NewPackage): Promise<Workspace> {
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
    revision: 0,
    liveVersion: null,
    updatedBy: '',
    savedAt: '',
  };
  accept(ws, await draftsApi.save(ws.id, contentOf(ws), undefined, null));
  cache.set(ws.id, ws);
  return cache.get(ws.id)!;
}

// Copies kept in this browser's localStorage by the platform before drafts moved to the server.
const LEGACY_PREFIX = 'duban.workspace.v1.';

export function legacyLocalCopies(): Workspace[] {
  const out: Workspace[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(LEGACY_PREFIX)) continue;
    try {
      out.push(JSON.parse(localStorage.getItem(key) ?? '') as Workspace);
    } catch {
      localStorage.removeItem(key);
    }
  }
  return out;
}

export function dropLegacyCopy(id: string): void {
  localStorage.removeItem(LEGACY_PREFIX + id);
}

/** Uploads an old browser copy as the package's draft, based on the version it was opened from. */
export async function uploadLegacyCopy(ws: Workspace): Promise<void> {
  await draftsApi.save(ws.id, contentOf(ws), undefined, ws.base?.version ?? null);
  dropLegacyCopy(ws.id);
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
  // No button yet: a field dropped into an empty form lands first, and saving puts 提交 last.
  ws.forms[name] = withSubmitLast({ display: 'form', title, components: [] });
  persist(ws);
}

const SUBMIT = { type: 'button', key: 'submit', label: '提交', action: 'submit', input: true, theme: 'primary', disableOnInvalid: true };
const isSubmit = (c: unknown) => !!c && typeof c === 'object' && (c as { type?: string }).type === 'button' && ((c as { action?: string }).action ?? 'submit') === 'submit';

/** The form's 提交 button after every field (one is added if the form has none). */
export function withSubmitLast(schema: FormSchema): FormSchema {
  const buttons = schema.components.filter(isSubmit);
  return { ...schema, components: [...schema.components.filter((c) => !isSubmit(c)), ...(buttons.length ? buttons : [SUBMIT])] };
}

export function saveForm(ws: Workspace, name: string, schema: FormSchema): void {
  ws.forms[name] = withSubmitLast(schema);
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

export function setDictionary(ws: Workspace, entries: DictionaryEntry[]): void {
  if (entries.length) ws.manifest.dictionary = entries;
  else delete ws.manifest.dictionary;
  persist(ws);
}

/**
 * Records how a period of the articles is accounted for (`decision` null: back to what the
 * parameters bind by themselves), or why a parameter departs from its article (`{parameter}`).
 */
export function setPeriodDecision(ws: Workspace, key: { period: string } | { parameter: string }, decision: PeriodDecision | null): void {
  const same = (d: PeriodDecision) => ('period' in key ? 'period' in d && d.period === key.period : 'parameter' in d && d.parameter === key.parameter);
  const rest = (ws.manifest.periods ?? []).filter((d) => !same(d));
  const next = decision ? [...rest, decision] : rest;
  if (next.length) ws.manifest.periods = next;
  else delete ws.manifest.periods;
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

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
