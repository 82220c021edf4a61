// Dates as Chinese documents write them, in Beijing time (UTC+8, no daylight saving).
// 成文日期 follows GB/T 9704-2012 7.3.5.2 (阿拉伯数字, no leading zeros): 2026年12月7日.
// The 汉字 form (二〇二六年十二月七日) of 裁判文书 is offered as {成文日期大写}.
const DIGITS = '〇一二三四五六七八九';

export function beijingDate(at: Date): { year: number; month: number; day: number } {
  const bj = new Date(at.getTime() + 8 * 3600_000);
  return { year: bj.getUTCFullYear(), month: bj.getUTCMonth() + 1, day: bj.getUTCDate() };
}

export function arabicDate(at: Date): string {
  const { year, month, day } = beijingDate(at);
  return `${year}年${month}月${day}日`;
}

/** 1–31 as 一 … 十 … 二十一 … 三十一. */
function small(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export function hanziDate(at: Date): string {
  const { year, month, day } = beijingDate(at);
  const y = [...String(year)].map((d) => DIGITS[+d]).join('');
  return `${y}年${small(month)}月${small(day)}日`;
}
