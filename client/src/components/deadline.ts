// Urgency of a due instant, shared by the badge, the inbox sort and the filters.
export type Urgency = 'overdue' | 'warning' | 'normal' | 'none';

/** "Due within 3 days" is the warning window the regulations' 预警 use most. */
export const WARNING_WINDOW_MS = 3 * 86_400_000;

export function urgencyOf(dueAt: string | null | undefined, now: number): Urgency {
  if (!dueAt) return 'none';
  const ms = new Date(dueAt).getTime() - now;
  return ms <= 0 ? 'overdue' : ms <= WARNING_WINDOW_MS ? 'warning' : 'normal';
}
