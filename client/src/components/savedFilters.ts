// 常用筛选: a list's filter parameters under a name, per user and list. Kept in this browser's
// storage (docs decision: filters are URL parameters, so a saved one is also a bookmark); a
// user on another computer saves them again.
export interface SavedFilter {
  name: string;
  params: Record<string, string>;
}

const keyOf = (user: string, list: string) => `duban.filters.${user}.${list}`;

export function loadSaved(user: string, list: string): SavedFilter[] {
  try {
    const v = JSON.parse(localStorage.getItem(keyOf(user, list)) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && x.params && typeof x.params === 'object') : [];
  } catch {
    return [];
  }
}

export function storeSaved(user: string, list: string, filters: SavedFilter[]): void {
  localStorage.setItem(keyOf(user, list), JSON.stringify(filters.slice(0, 30)));
}
