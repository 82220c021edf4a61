// People on a case as the interface names them: 姓名（法院）, never the login account alone
// (the accounts stay in the record; the names are looked up when the case is read, so a
// renamed user or court reads correctly everywhere).
import type { CaseDoc } from './case.model';

export interface Person {
  name: string;
  court?: string;
  courtName?: string;
  /** 姓名（法院） */
  label: string;
}

/** {username: Person} for the given accounts (auth.people). */
export type People = (usernames: string[]) => Promise<Record<string, Person>>;

/** Every account a case's record names: who acted, who opened it, who a task is assigned to. */
export function accountsOf(doc: Pick<CaseDoc, 'history' | 'openTasks'>): string[] {
  const out = new Set<string>();
  for (const h of doc.history) {
    out.add(h.actor);
    const by = (h.data as { by?: unknown } | undefined)?.by;
    if (typeof by === 'string') out.add(by);
  }
  for (const t of doc.openTasks) if (t.assignment?.user) out.add(t.assignment.user);
  return [...out];
}
