// A date must be a real date: `2026-02-30` and `25:00` are refused, not rolled over.
// Date-only fields are stored as `YYYY-MM-DD` (a FEEL date; the engine reads it in Beijing
// time), whatever time-of-day encoding the browser sent with them.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?$/;

export type DateCheck = { ok: true; value: string } | { ok: false; message: string };

const realDay = (y: number, m: number, d: number) =>
  y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

export function checkDate(v: unknown, dateOnly: boolean): DateCheck {
  if (typeof v !== 'string') return { ok: false, message: '应为日期' };
  const d = DATE.exec(v);
  if (d) {
    return realDay(+d[1], +d[2], +d[3]) ? { ok: true, value: v } : { ok: false, message: `的日期 ${v} 不存在` };
  }
  const t = DATE_TIME.exec(v);
  if (!t) return { ok: false, message: '的日期格式不正确（应为 YYYY-MM-DD 或 ISO 8601 时间）' };
  const [, y, mo, da, h, mi, s = '0', , oh = '0', om = '0'] = t;
  if (!realDay(+y, +mo, +da)) return { ok: false, message: `的日期 ${y}-${mo}-${da} 不存在` };
  if (+h > 23 || +mi > 59 || +s > 59 || +oh > 14 || +om > 59) return { ok: false, message: `的时间 ${v} 不存在` };
  if (!dateOnly) return { ok: true, value: v };
  if (!t[7]) return { ok: true, value: `${y}-${mo}-${da}` }; // no zone: the date as written
  const beijing = new Date(new Date(v).getTime() + 8 * 3600_000);
  return { ok: true, value: beijing.toISOString().slice(0, 10) };
}

/**
 * An instant as a court reads it in a form: `2026年12月17日 24:00` (Beijing). A deadline is
 * stored as its exclusive end (the next day 00:00); `endOfDay` writes it as the last day's
 * 24:00, as the rest of the interface does (民法典 第二百零三条).
 */
export function readableInstant(at: Date, endOfDay = false): string {
  let t = at.getTime() + 8 * 3600_000;
  const midnight = new Date(t).getUTCHours() === 0 && new Date(t).getUTCMinutes() === 0;
  if (endOfDay && midnight) t -= 1;
  const b = new Date(t);
  const time = endOfDay && midnight ? '24:00' : `${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${time}`;
}
