// Beijing civil dates as 'YYYY-MM-DD' strings. China has had no daylight saving since 1991, so
// Asia/Shanghai is the fixed offset +08:00 and no tz database is needed (CALENDAR.md R1).
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateString(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === s;
}

function toUtcDay(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`无效日期「${date}」，应为 YYYY-MM-DD`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}

function fromUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Beijing calendar date of an instant (R1). */
export function beijingDate(instant: Date): string {
  return fromUtcDay(instant.getTime() + OFFSET_MS);
}

/** Minutes since Beijing midnight of an instant. */
export function beijingMinutes(instant: Date): number {
  const ms = (instant.getTime() + OFFSET_MS) % DAY_MS;
  return Math.floor((ms < 0 ? ms + DAY_MS : ms) / 60_000);
}

/** The instant of `date` at hh:mm Beijing time. */
export function beijingInstant(date: string, hour = 0, minute = 0): Date {
  return new Date(toUtcDay(date) - OFFSET_MS + (hour * 60 + minute) * 60_000);
}

export function addDays(date: string, n: number): string {
  return fromUtcDay(toUtcDay(date) + n * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcDay(b) - toUtcDay(a)) / DAY_MS);
}

/**
 * The corresponding day n months later, or that month's last day when it has none
 * (民法典 第二百零二条: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return fromUtcDay(first.getTime());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcDay(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Every date from a to b inclusive. */
export function* eachDay(a: string, b: string): Generator<string> {
  for (let d = a; d <= b; d = addDays(d, 1)) yield d;
}

/**
 * An ISO instant for the API. Without an offset the text is Beijing wall time, never the
 * server's local zone ("2026-09-28" = 2026-09-28T00:00+08:00).
 */
export function parseBeijingInstant(text: string): Date | undefined {
  const t = text.trim();
  if (isDateString(t)) return beijingInstant(t);
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t);
  if (!local && !zoned) return undefined;
  const d = new Date(local ? `${t}+08:00` : t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-10-08 08:00" in Beijing time, for rule texts. */
export function formatBeijing(instant: Date): string {
  const m = beijingMinutes(instant);
  return `${beijingDate(instant)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}
