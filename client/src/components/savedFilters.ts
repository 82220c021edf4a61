// 常用筛选: a list's filter parameters under a name, stored on the server per user
// (server/savedFilters), optionally shared with the colleagues of the user's court. Applying one
// sets the list's URL parameters, so a saved filter is also a bookmark.
import { http, query } from '../api/http';

export interface SavedFilter {
  id: string;
  name: string;
  params: Record<string, string>;
  shared: boolean;
  /** Saved by me (I may delete it); otherwise shared by a colleague, shown as ownerLabel. */
  mine: boolean;
  ownerLabel: string;
}

export const filtersApi = {
  list: (list: string) => http.get<{ items: SavedFilter[] }>(`/api/filters${query({ list })}`).then((r) => r.items),
  save: (list: string, name: string, params: Record<string, string>, shared: boolean) =>
    http.post<{ filter: SavedFilter }>('/api/filters', { list, name, params, shared }).then((r) => r.filter),
  remove: (id: string) => http.delete(`/api/filters/${encodeURIComponent(id)}`),
};
