// A list paged, filtered and sorted on the server, whose state lives in the page URL: a filter
// can be shared, bookmarked and survives the back button. `keys` are the URL parameters the
// list passes on to its API (page, pageSize, sort and order always are); `fetch` answers a page.
import { computed, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import type { ListParams, Page } from '../api/page';

export const PAGE_SIZES = [20, 50, 100];

export function useListQuery<T>(keys: string[], fetch: (params: ListParams) => Promise<Page<T>>) {
  const route = useRoute();
  const router = useRouter();
  const params = computed<ListParams>(() => {
    const out: ListParams = {};
    for (const k of [...keys, 'page', 'pageSize', 'sort', 'order']) {
      const v = route.query[k];
      if (typeof v === 'string' && v !== '') out[k] = v;
    }
    return out;
  });
  const rows = ref<T[]>([]) as { value: T[] };
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const page = computed(() => Number(params.value.page) || 1);
  const pageSize = computed(() => Number(params.value.pageSize) || PAGE_SIZES[0]);

  let latest = 0;
  async function load() {
    const mine = ++latest; // a slower earlier answer never overwrites a later one
    loading.value = true;
    error.value = null;
    try {
      const r = await fetch(params.value);
      if (mine !== latest) return;
      rows.value = r.items;
      total.value = r.total;
    } catch (err) {
      if (mine === latest) error.value = err;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  /** Changes URL parameters ('' or undefined removes one); any change but the page's goes back to page 1. */
  function set(changes: Record<string, string | undefined>) {
    const q: LocationQueryRaw = { ...route.query, ...changes };
    if (!('page' in changes)) delete q.page;
    for (const [k, v] of Object.entries(q)) if (v === undefined || v === '') delete q[k];
    void router.replace({ query: q });
  }

  /** el-table's sort-change (columns with sortable="custom" and the API's sort name as prop). */
  function onSort({ prop, order }: { prop: string; order: 'ascending' | 'descending' | null }) {
    set({ sort: order ? prop : undefined, order: order === 'ascending' ? 'asc' : order === 'descending' ? 'desc' : undefined });
  }
  const defaultSort = computed(() =>
    params.value.sort ? { prop: params.value.sort, order: params.value.order === 'asc' ? 'ascending' : 'descending' } : undefined,
  );

  watch(() => JSON.stringify(params.value), load);
  onMounted(load);
  return { params, rows, total, loading, error, page, pageSize, load, set, onSort, defaultSort };
}

/** A search box bound to one URL parameter, applied once typing pauses. */
export function useSearchText(current: () => string | undefined, apply: (text: string) => void, delayMs = 400) {
  const text = ref(current() ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(text, (v) => {
    clearTimeout(timer);
    timer = setTimeout(() => apply(v.trim()), delayMs);
  });
  watch(current, (v) => {
    if ((v ?? '') !== text.value.trim()) text.value = v ?? '';
  });
  return text;
}
