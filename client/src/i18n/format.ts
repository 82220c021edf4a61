// Dates and times as the courts read them: Beijing time, Chinese formats, whatever the
// browser's own time zone is.
const TZ = 'Asia/Shanghai';
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

type When = string | number | Date | null | undefined;
const toDate = (v: When): Date | null => {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** 2026/10/08 15:30 (Beijing). */
export function formatDateTime(v: When): string {
  const d = toDate(v);
  return d ? dateTime.format(d) : '—';
}

/** 2026/10/08 (Beijing). */
export function formatDate(v: When): string {
  const d = toDate(v);
  return d ? dateOnly.format(d) : '—';
}

/** {date: 'YYYY-MM-DD', time: 'HH:MM'} in Beijing. */
export function beijingParts(v: When): { date: string; time: string } | null {
  const d = toDate(v);
  if (!d) return null;
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * A deadline's due instant as a court writes it: the platform stores the exclusive instant
 * (the next day 00:00), the court says "the last day, 24:00" (民法典第二百零三条).
 */
export function formatDue(v: When): string {
  const d = toDate(v);
  const p = beijingParts(d);
  if (!d || !p) return '—';
  if (p.time !== '00:00') return formatDateTime(d);
  return `${formatDate(new Date(d.getTime() - 1))} 24:00`;
}

/** "还剩 3 天" / "已逾期 2 天" / "还剩 5 小时" relative to `now`. */
export function remaining(due: When, now: number): string {
  const d = toDate(due);
  if (!d) return '';
  const ms = d.getTime() - now;
  const abs = Math.abs(ms);
  const text = abs >= 86_400_000 ? `${Math.floor(abs / 86_400_000)} 天` : abs >= 3_600_000 ? `${Math.floor(abs / 3_600_000)} 小时` : `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return ms >= 0 ? `还剩 ${text}` : `已逾期 ${text}`;
}
