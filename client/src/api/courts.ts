// Courts (GET /api/courts), loaded once per page load: codes become names everywhere.
import { ref } from 'vue';
import { http } from './http';

export interface Court {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  province: string | null;
  ancestors?: string[];
}

const byCode = ref(new Map<string, Court>());
let loading: Promise<Map<string, Court>> | null = null;

export function loadCourts(): Promise<Map<string, Court>> {
  loading ??= http
    .get<{ courts: Court[] }>('/api/courts')
    .then((r) => (byCode.value = new Map(r.courts.map((c) => [c.code, c]))))
    .catch((err) => {
      loading = null;
      throw err;
    });
  return loading;
}

/** The court's name, or its code until the list has loaded (or for an unknown code). */
export const courtName = (code: string | null | undefined): string =>
  code ? (byCode.value.get(code)?.name ?? code) : '—';

/** The court and every court below it, by name (filter choices: the user's jurisdiction). */
export const courtsUnder = (code: string | null | undefined): Court[] =>
  code
    ? [...byCode.value.values()]
        .filter((c) => c.code === code || (c.ancestors ?? []).includes(code))
        .sort((a, b) => a.code.localeCompare(b.code))
    : [];
