// Moving running cases to a new version of their definition (an administrator changed a
// deadline and published). A dry run lists every affected case with its old and new due
// instants; the real run remaps each case in one guarded update and writes it into the case's
// history. A case that cannot be mapped stays, untouched, on its version and is named.
import type { CaseDoc } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { recordRun } from '../cases/runChanges';
import { remapState, type RunResult } from '../engine';
import { badRequest, notFound } from '../http/errors';

export interface MigrateInput {
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  idMap?: Record<string, string>;
}

interface DueChange { element: string; kind: 'task' | 'timer'; before: string | null; after: string | null }

export interface CaseMigration {
  caseId: string;
  caseNo: string;
  status: 'migrated' | 'would-migrate' | 'refused' | 'conflict';
  changes: DueChange[];
  problems: { element?: string; message: string }[];
}

export async function migrateCases(deps: CasesDeps, key: string, input: MigrateInput, actor: string) {
  const from = await deps.definitions.get(key, input.fromVersion);
  const to = await deps.definitions.get(key, input.toVersion);
  if (!from || !to) throw notFound(`流程 ${key} 的版本 ${!from ? input.fromVersion : input.toVersion} 不存在`);
  if (input.fromVersion === input.toVersion) throw badRequest('源版本与目标版本相同');
  const calendar = await deps.calendar();
  const results: CaseMigration[] = [];
  for (const doc of await deps.cases.runningOf(key, input.fromVersion)) {
    results.push(await migrateOne(doc));
  }
  return {
    key,
    fromVersion: input.fromVersion,
    toVersion: input.toVersion,
    dryRun: input.dryRun,
    cases: results,
    counts: count(results),
  };

  async function migrateOne(doc: CaseDoc): Promise<CaseMigration> {
    const base = { caseId: String(doc._id), caseNo: doc.caseNo };
    const now = deps.clock.now();
    const { problems, result } = await remapState({
      state: JSON.parse(doc.engineState ?? 'null'),
      source: to!.xml,
      idMap: input.idMap,
      variables: doc.variables,
      now,
      calendar,
    });
    if (!result || problems.length) {
      return { ...base, status: 'refused', changes: [], problems: problems.map((p) => ({ element: p.element, message: p.message })) };
    }
    const changes = dueChanges(doc, result);
    if (input.dryRun) return { ...base, status: 'would-migrate', changes, problems: [] };
    const record = recordRun(doc, result, now, actor, [
      { type: 'migrated', data: { from: input.fromVersion, to: input.toVersion, changes } },
    ]);
    const ok = await deps.cases.commit(doc._id, doc.version, { ...record.changes, definition: { key, version: input.toVersion } }, record.history);
    if (!ok) return { ...base, status: 'conflict', changes, problems: [{ message: '案件在迁移时被他人更新，请重新执行迁移' }] };
    return { ...base, status: 'migrated', changes, problems: [] };
  }
}

function dueChanges(doc: CaseDoc, after: RunResult): DueChange[] {
  const iso = (d?: Date | string | null) => (d ? new Date(d).toISOString() : null);
  const out: DueChange[] = [];
  for (const t of after.openTasks) {
    const before = doc.openTasks.find((o) => o.id === t.id || o.elementId === t.elementId);
    out.push({ element: t.elementId, kind: 'task', before: iso(before?.dueAt), after: iso(t.due?.due) });
  }
  for (const t of after.timers) {
    const before = doc.timers.find((o) => o.id === t.id || o.elementId === t.elementId);
    out.push({ element: t.elementId, kind: 'timer', before: iso(before?.dueAt), after: iso(t.dueAt) });
  }
  return out;
}

function count(rs: CaseMigration[]) {
  const c: Record<string, number> = {};
  for (const r of rs) c[r.status] = (c[r.status] ?? 0) + 1;
  return c;
}
