// 常用筛选 stored on the server (issue 23): a named set of a list's URL parameters per user, for
// the case list and the inbox; optionally shared with the colleagues of the owner's court (they
// use it, only the owner changes or deletes it). Applying one is the same as opening its URL,
// so what it shows is still confined to the user's own jurisdiction.
import type { Actor } from '../http/actor';
import { badRequest, conflict, notFound, type ErrorDetail } from '../http/errors';
import type { SavedFilterDoc, SavedFiltersRepository } from './savedFilters.repository';

/** The lists and the parameters each one keeps (page is never kept). */
export const FILTER_LISTS: Record<string, readonly string[]> = {
  cases: ['q', 'court', 'supervisingCourt', 'process', 'status', 'due', 'from', 'to', 'sort', 'order', 'pageSize', 'enforcementCourt', 'enforcementCaseNo'],
  'inbox-open': ['tab', 'q', 'court', 'due', 'from', 'to', 'sort', 'order', 'pageSize', 'enforcementCourt', 'enforcementCaseNo'],
  'inbox-done': ['tab', 'q', 'court', 'from', 'to', 'sort', 'order', 'pageSize', 'enforcementCourt', 'enforcementCaseNo'],
};
export const MAX_FILTERS_PER_LIST = 30;

function parseList(list: unknown): string {
  if (typeof list !== 'string' || !FILTER_LISTS[list]) {
    throw badRequest(`list 只能是 ${Object.keys(FILTER_LISTS).join('、')}`, [{ field: 'list', message: '取值不正确' }]);
  }
  return list;
}

function parse(body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const list = parseList(b.list);
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name || name.length > 20) problems.push({ field: 'name', message: '名称为 1 至 20 个字' });
  const params: Record<string, string> = {};
  if (!b.params || typeof b.params !== 'object' || Array.isArray(b.params)) problems.push({ field: 'params', message: '筛选条件须为对象' });
  else {
    for (const [k, v] of Object.entries(b.params as Record<string, unknown>)) {
      if (!FILTER_LISTS[list].includes(k)) problems.push({ field: `params.${k}`, message: `该列表没有筛选条件“${k}”` });
      else if (typeof v !== 'string' || v.length > 200) problems.push({ field: `params.${k}`, message: '须为不超过 200 字的文字' });
      else if (v) params[k] = v;
    }
  }
  if (b.shared !== undefined && typeof b.shared !== 'boolean') problems.push({ field: 'shared', message: 'shared 只能是 true 或 false' });
  if (problems.length) throw badRequest(`常用筛选有误：${problems[0].message}`, problems);
  return { list, name, params, shared: b.shared === true };
}

export function createSavedFiltersService(repo: SavedFiltersRepository, names: (usernames: string[]) => Promise<Record<string, { label: string }>>) {
  const present = async (items: SavedFilterDoc[], actor: Actor) => {
    const people = await names([...new Set(items.map((f) => f.owner))]);
    return items.map((f) => ({
      id: String(f._id), list: f.list, name: f.name, params: f.params, shared: f.shared,
      mine: f.owner === actor.username, owner: f.owner, ownerLabel: people[f.owner]?.label ?? f.owner,
    }));
  };
  return {
    async list(actor: Actor, list: unknown) {
      return { items: await present(await repo.visible(actor.username, actor.court, parseList(list)), actor) };
    },
    async save(actor: Actor, body: unknown) {
      const f = parse(body);
      if (!(await repo.exists(actor.username, f.list, f.name)) && (await repo.countOwn(actor.username, f.list)) >= MAX_FILTERS_PER_LIST) {
        throw conflict(`每个列表最多保存 ${MAX_FILTERS_PER_LIST} 个常用筛选，请先删除不用的`);
      }
      const saved = await repo.upsert({ ...f, owner: actor.username, court: actor.court });
      return (await present([saved], actor))[0];
    },
    async remove(actor: Actor, id: string) {
      const f = /^[0-9a-f]{24}$/i.test(id) ? await repo.findById(id) : null;
      const visible = f && (f.owner === actor.username || (f.shared && f.court === actor.court));
      if (!f || !visible) throw notFound('常用筛选不存在');
      if (f.owner !== actor.username || !(await repo.deleteOwn(id, actor.username))) {
        throw conflict('只有保存人可以删除共享的常用筛选');
      }
    },
  };
}
export type SavedFiltersService = ReturnType<typeof createSavedFiltersService>;
