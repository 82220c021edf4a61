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

/** Task actions whose history entry names people in `to` / `from` / `user` (server/tasks). */
const NAMING_ACTIONS = new Set(['taskTransferred', 'taskDelegated', 'delegationReturned', 'cosignerAdded', 'assigneeChanged']);

/** Every account a case's record names: who acted, who opened it, who a task is assigned to. */
export function accountsOf(doc: Pick<CaseDoc, 'history' | 'openTasks'>): string[] {
  const out = new Set<string>();
  for (const h of doc.history) {
    out.add(h.actor);
    // Who acted, and whom a task action named (转办 / 委派 to, 加签 user, 交回 to).
    const d = (h.data ?? {}) as { by?: unknown; to?: unknown; user?: unknown; from?: unknown };
    const named = NAMING_ACTIONS.has(h.type) ? [d.user, d.from, d.to] : [];
    for (const u of [d.by, ...named]) if (typeof u === 'string') out.add(u);
  }
  for (const t of doc.openTasks) {
    for (const u of [t.assignment?.user, t.claimedBy, t.delegation?.to, t.delegation?.from]) if (u) out.add(u);
  }
  return [...out];
}
