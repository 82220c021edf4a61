// The courts of a case as the engine and the guards see them.
// - FEEL gets courtLevel()/parentCourt() for the supervising court, the supervised courts and
//   their ancestors (a 交办 names the 中院 above the 基层 court: its parent).
// - The supervised court(s) can change while the case runs (暂行规定 第十条: 交办 moves the
//   case to the 中院, which supervises the 基层 court): a task's output parameter sets the case
//   names `supervisedCourt` (the court the `{court: supervisedCourt}` tasks go to) and/or
//   `supervisedCourts` (every court under supervision in this case). Each change is checked
//   against the supervising court's jurisdiction and recorded in the history, in the same write.
// - A named 专人 (`{court, role, user}`) must be a user of that court holding that role.
import { supervises, type Court } from '../courts';
import type { CourtDirectory, RunResult } from '../engine';
import { unprocessable } from '../http/errors';
import type { CaseDoc, HistoryEntry, OpenTask } from './case.model';

export interface CaseDirectory {
  courts(codes: string[]): Promise<Map<string, Court>>;
  user(username: string): Promise<{ username: string; court: string; roles: string[]; disabled?: boolean } | null>;
}

type CaseCourtsView = Pick<CaseDoc, 'supervisingCourt' | 'supervisedCourt'> & { supervisedCourts?: string[] };

/** The current supervised courts, primary first (cases started before the field existed: one). */
export function supervisedCourtsOf(doc: CaseCourtsView): string[] {
  return unique([doc.supervisedCourt, ...(doc.supervisedCourts ?? [])]);
}

/** courtLevel()/parentCourt() data for one command: the case's courts and their ancestors. */
export async function courtDirectory(directory: CaseDirectory | undefined, doc: CaseCourtsView): Promise<CourtDirectory | undefined> {
  if (!directory) return undefined;
  const own = await directory.courts([doc.supervisingCourt, ...supervisedCourtsOf(doc)]);
  const ancestors = unique([...own.values()].flatMap((c) => c.ancestors)).filter((c) => !own.has(c));
  const above = ancestors.length ? await directory.courts(ancestors) : new Map<string, Court>();
  const out: CourtDirectory = {};
  for (const c of [...own.values(), ...above.values()]) out[c.code] = { level: c.level, parent: c.parent };
  return out;
}

export interface CourtsChange {
  supervisedCourt: string;
  supervisedCourts: string[];
  variables: Record<string, unknown>;
  history: Omit<HistoryEntry, 'seq' | 'at' | 'actor'>[];
}

/**
 * What the command's variables say the supervised courts now are; null when unchanged.
 * Refuses (422, nothing written) a court outside the supervising court's jurisdiction.
 */
export async function courtsChange(
  directory: CaseDirectory | undefined,
  doc: CaseCourtsView,
  result: Pick<RunResult, 'variables' | 'events'>,
  by: string,
): Promise<CourtsChange | null> {
  const v = result.variables;
  const primary = typeof v.supervisedCourt === 'string' && v.supervisedCourt ? v.supervisedCourt : doc.supervisedCourt;
  const listed = Array.isArray(v.supervisedCourts) ? v.supervisedCourts.filter((c): c is string => typeof c === 'string' && !!c) : [];
  const next = unique([primary, ...listed]);
  const before = supervisedCourtsOf(doc);
  if (primary === doc.supervisedCourt && same(next, before)) return null;
  if (!directory) throw unprocessable('平台未配置法院目录，不能变更被督办法院');
  const found = await directory.courts([doc.supervisingCourt, ...next]);
  const upper = found.get(doc.supervisingCourt);
  for (const code of next) {
    const lower = found.get(code);
    if (!lower) throw unprocessable(`被督办法院「${code}」不存在，未保存`);
    if (!upper || !supervises(upper, lower)) {
      throw unprocessable(`「${lower.name}」不在督办法院的辖区内，不能作为被督办法院，未保存`);
    }
  }
  const element = [...result.events].reverse().find((e) => e.type === 'taskCompleted')?.element;
  return {
    supervisedCourt: primary,
    supervisedCourts: next,
    variables: { ...v, supervisedCourt: primary, supervisedCourts: next },
    history: [{
      type: 'supervisedCourtChanged',
      ...(element ? { element } : {}),
      data: {
        from: doc.supervisedCourt, to: primary, fromCourts: before, toCourts: next, by,
        names: Object.fromEntries([...found.values()].map((c) => [c.code, c.name])),
      },
    }],
  };
}

/** A task given to a named 专人: that user must exist, be active, and belong to the court + role. */
export async function checkNamedAssignees(directory: CaseDirectory | undefined, result: Pick<RunResult, 'openTasks'>): Promise<void> {
  for (const t of result.openTasks) {
    const a = t.assignment;
    if (!a.user || !a.court || !a.role) continue;
    const user = directory ? await directory.user(a.user) : null;
    if (!user || user.disabled || user.court !== a.court || !user.roles.includes(a.role)) {
      throw unprocessable(`指定的专人「${a.user}」不是该法院的${a.role}（或账号已停用），「${t.name ?? t.elementId}」无法分派给他，未保存`, [
        { field: 'assignee', message: `请填写本院${a.role}的平台账号` },
      ]);
    }
  }
}

/** Usernames that completed any of the tasks an assignment excludes (回避), from the history. */
export function excludedUsers(exclude: string[] | undefined, history: Pick<HistoryEntry, 'type' | 'element' | 'actor'>[]): string[] {
  if (!exclude?.length) return [];
  const ids = new Set(exclude);
  return unique(history.filter((h) => h.type === 'taskCompleted' && h.element && ids.has(h.element)).map((h) => h.actor));
}

/** Who completed an instance of the 合议庭 whose instances run under execution `of`. */
export function panelMembersSat(of: string, history: Pick<HistoryEntry, 'type' | 'actor' | 'data'>[]): string[] {
  const prefix = `${of}_`;
  return unique(history.filter((h) => h.type === 'taskCompleted' && String((h.data as { taskId?: unknown } | undefined)?.taskId ?? '').startsWith(prefix)).map((h) => h.actor));
}

/**
 * 合议庭 rules on the tasks a command opens (422 before anything is written): a member named
 * twice in one panel, or a named member 回避 excludes (e.g. who sat on the panel that decided
 * before, or the 终本 handler for 恢复执行).
 */
export function checkPanels(before: Pick<OpenTask, 'id'>[], after: OpenTask[]): void {
  const known = new Set(before.map((t) => t.id));
  const seen = new Set<string>();
  for (const t of after.filter((x) => !known.has(x.id))) {
    const user = t.assignment?.user;
    if (!user) continue;
    if (t.assignment?.excludedUsers?.includes(user)) {
      throw unprocessable(`「${user}」依规定应当回避（曾办理本案此前的审查或决定），不能办理「${t.name ?? t.elementId}」，未保存`, [
        { field: 'assignee', message: '请另行指定' },
      ]);
    }
    if (!t.instance) continue;
    const key = `${t.instance.of}|${user}`;
    if (seen.has(key)) {
      throw unprocessable(`同一合议庭中「${user}」被指定了两次：同一人不得重复担任「${t.name ?? t.elementId}」的成员，未保存`, [
        { field: 'members', message: '成员不得重复' },
      ]);
    }
    seen.add(key);
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
