// Re-applying a draft's changes on the version published since it was opened (a three-way merge
// of base → draft onto base → live). A file changed on one side only takes that side. A diagram
// changed on both sides merges when the live side changed only deadlines (期限一览, parameter
// changes): those are written into the draft's diagram unless the draft changed the same
// deadline differently. Anything else changed on both sides is a conflict, reported, not guessed.
import { canonicalJson, canonicalText, isNote, type StoredFile } from './draftContent';
import { readDiagram, setDeadline } from './diagram';

export type RebaseConflict = {
  file: string;
  element?: string;
  message: string;
};

type Files = Map<string, string>;
const mapOf = (l: StoredFile[]) => new Map(l.map((f) => [f.path, f.text]));

async function same(path: string, x: string | undefined, y: string | undefined): Promise<boolean> {
  if (x === y) return true;
  if (x === undefined || y === undefined) return false;
  return (await canonicalText(path, x)) === (await canonicalText(path, y));
}

type Deadlines = Map<string, { slot: NonNullable<Awaited<ReturnType<typeof readDiagram>>[number]['deadline']>['slot']; value: string }>;
async function deadlines(xml: string): Promise<Deadlines> {
  return new Map((await readDiagram(xml)).filter((e) => e.deadline).map((e) => [e.id, e.deadline!]));
}

/** The diagram with the given deadlines written in. */
async function withDeadlines(xml: string, values: Map<string, string>, slots: Deadlines): Promise<string> {
  let out = xml;
  for (const [id, value] of values) out = await setDeadline(out, id, slots.get(id)!.slot, value);
  return out;
}

async function mergeDiagram(path: string, base: string, draft: string, live: string, conflicts: RebaseConflict[]): Promise<string | undefined> {
  const [db, dd, dl] = await Promise.all([deadlines(base), deadlines(draft), deadlines(live)]);
  const liveChanges = new Map([...dl].filter(([id, v]) => db.get(id)?.value !== undefined && db.get(id)!.value !== v.value).map(([id, v]) => [id, v.value]));
  // Only deadlines changed on the live side: undoing them must give the base diagram back.
  const undone = await withDeadlines(live, new Map([...liveChanges.keys()].map((id) => [id, db.get(id)!.value])), dl);
  if (!liveChanges.size || !(await same(path, undone, base))) {
    conflicts.push({ file: path, message: `流程图「${path}」在草稿与现行版本中都有修改（不只是期限），无法自动合并：请选择保留哪一方，或在现行版本上重做修改` });
    return undefined;
  }
  const apply = new Map<string, string>();
  for (const [id, value] of liveChanges) {
    const mine = dd.get(id);
    if (!mine) continue; // the draft removed the element: its removal stands
    if (mine.value === db.get(id)!.value || mine.value === value) apply.set(id, value);
    else conflicts.push({ file: path, element: id, message: `元素 ${id} 的期限：草稿改为「${mine.value}」，现行版本已改为「${value}」（原为「${db.get(id)!.value}」）` });
  }
  return withDeadlines(draft, apply, dd);
}

/** The manifest's parameters follow the diagrams; other fields merge one by one. */
function mergeManifest(base: string, draft: string, live: string, conflicts: RebaseConflict[]): string {
  const [b, d, l] = [base, draft, live].map((t) => JSON.parse(t.replace(/^\uFEFF/, '')) as Record<string, unknown>);
  const out: Record<string, unknown> = { ...d };
  const eq = (x: unknown, y: unknown) => canonicalJson(JSON.stringify(x ?? null)) === canonicalJson(JSON.stringify(y ?? null));
  for (const k of new Set([...Object.keys(b), ...Object.keys(d), ...Object.keys(l)])) {
    if (k === 'parameters') continue;
    if (eq(d[k], b[k])) {
      if (l[k] === undefined) delete out[k];
      else out[k] = l[k];
    } else if (!eq(l[k], b[k]) && !eq(l[k], d[k])) {
      conflicts.push({ file: 'manifest.json', message: `清单的「${k}」在草稿与现行版本中改得不同` });
    }
  }
  // Parameters: by id; a value follows the merged diagram, a label merges like a field.
  type P = { id: string; label: string; value: string };
  const byId = (x: unknown) => new Map(((x as P[]) ?? []).map((p) => [p.id, p]));
  const [pb, pl] = [byId(b.parameters), byId(l.parameters)];
  out.parameters = ((d.parameters as P[]) ?? []).map((p) => {
    const was = pb.get(p.id);
    const now = pl.get(p.id);
    if (!was || !now) return p;
    return { ...p, value: p.value === was.value ? now.value : p.value, label: p.label === was.label ? now.label : p.label };
  });
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The draft's files on top of `live`; conflicts (if any) instead of a result. */
export async function rebaseFiles(base: StoredFile[], draft: StoredFile[], live: StoredFile[]): Promise<{ files?: StoredFile[]; conflicts: RebaseConflict[] }> {
  const [b, d, l]: Files[] = [base, draft, live].map(mapOf);
  const conflicts: RebaseConflict[] = [];
  const out = new Map<string, string>();
  const paths = new Set([...b.keys(), ...d.keys(), ...l.keys()].filter((p) => !isNote(p)));
  for (const path of paths) {
    const [vb, vd, vl] = [b.get(path), d.get(path), l.get(path)];
    let merged: string | undefined;
    if (await same(path, vd, vb)) merged = vl; // only live changed (or nobody)
    else if (await same(path, vl, vb) || await same(path, vl, vd)) merged = vd; // only the draft changed
    else if (path === 'manifest.json' && vb && vd && vl) merged = mergeManifest(vb, vd, vl, conflicts);
    else if (path.endsWith('.bpmn') && vb && vd && vl) merged = await mergeDiagram(path, vb, vd, vl, conflicts);
    else {
      conflicts.push({ file: path, message: vd === undefined || vl === undefined
        ? `「${path}」一方删除、另一方修改，无法自动合并`
        : `「${path}」在草稿与现行版本中都有修改，无法自动合并` });
    }
    if (merged !== undefined) out.set(path, merged);
  }
  for (const [p, t] of d) if (isNote(p)) out.set(p, t);
  for (const [p, t] of l) if (isNote(p) && !out.has(p)) out.set(p, t);
  if (conflicts.length) return { conflicts };
  // Document templates travel as base64 text: the merged file keeps the encoding it came with.
  const base64 = new Set([...base, ...draft, ...live].filter((f) => f.encoding === 'base64').map((f) => f.path));
  return { files: [...out].map(([path, text]) => ({ path, text, ...(base64.has(path) ? { encoding: 'base64' as const } : {}) })), conflicts };
}
