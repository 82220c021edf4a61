// Loading a package's draft before a page that edits it opens (modeler, form builder), so a
// bookmarked link works in any browser. A failure is kept for the page to show with its reason.
import { reactive } from 'vue';
import type { RouteLocationNormalized } from 'vue-router';
import { loadWorkspace } from './store';

const failures = reactive(new Map<string, unknown>());
export const loadFailureOf = (id: string): unknown => failures.get(id) ?? null;

export async function loadDraftBeforeEnter(to: RouteLocationNormalized): Promise<true> {
  const id = String(to.params.id);
  try {
    await loadWorkspace(id);
    failures.delete(id);
  } catch (err) {
    failures.set(id, err);
  }
  return true;
}
