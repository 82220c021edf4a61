// "This week" as the courts count it: Monday to Sunday, Beijing time.
const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The instant the Beijing week containing `at` ends (next Monday 00:00 +08:00). */
export function endOfBeijingWeek(at: Date): Date {
  const local = new Date(at.getTime() + BEIJING_MS); // wall clock read through UTC getters
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const daysToMonday = ((8 - local.getUTCDay()) % 7) || 7;
  return new Date(midnight + daysToMonday * DAY_MS - BEIJING_MS);
}
