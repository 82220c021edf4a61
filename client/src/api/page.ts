// One page of a server list (server/http/paging.ts): every list answers this shape.
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** List parameters as they travel in the page URL and on to the API (strings, '' = unset). */
export type ListParams = Record<string, string>;
