// Dates as court exports write them: 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, 20260105, or
// an Excel date cell. A date that does not exist (2026-02-30) is refused, never rolled over.
const PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** 'YYYY-MM-DD' or a Chinese reason. */
export function parseDay(value: unknown): { day: string } | { problem: string } {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: '不是有效日期' };
    // exceljs reads an Excel date cell as that calendar day at 00:00 UTC.
    return checkDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.toISOString().slice(0, 10));
  }
  const text = String(value).trim().replace(/\s+00:00(:00)?$/, '');
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (m) return checkDay(+m[1], +m[2], +m[3], text);
  }
  return { problem: `「${text.slice(0, 40)}」不是日期（应写作 2026-01-05 或 2026年1月5日）` };
}

function checkDay(y: number, m: number, d: number, text: string): { day: string } | { problem: string } {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1990 || y > 2100 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { problem: `「${text.slice(0, 40)}」不是存在的日期` };
  }
  return { day: dt.toISOString().slice(0, 10) };
}

/** Today in Beijing. */
export const beijingDay = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
