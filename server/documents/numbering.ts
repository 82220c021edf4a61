// 文号 patterns are package data: `（{年}）{代字}执督函{号}号`. {号} is the sequence number,
// {年} the year (Beijing time) and {代字} the issuing court's abbreviation from the manifest's
// courtAbbreviations (the court's name when it has none there).
const PART = /\{([^{}]*)\}/g;
export const NUMBER_PARTS = ['年', '代字', '号'];

/** Problems with a pattern, in Chinese ([] = usable). */
export function checkNumbering(pattern: string): string[] {
  const out: string[] = [];
  const used = [...pattern.matchAll(PART)].map((m) => m[1]);
  for (const u of used) if (!NUMBER_PARTS.includes(u)) out.push(`文号格式中「{${u}}」未知：只能用 {年}、{代字}、{号}`);
  if (!used.includes('号')) out.push('文号格式必须含有序号「{号}」');
  if (used.filter((u) => u === '号').length > 1) out.push('文号格式中「{号}」只能出现一次');
  if (/[{}]/.test(pattern.replace(PART, ''))) out.push('文号格式中的花括号不成对');
  return out;
}

export function formatNumber(pattern: string, v: { year: number; abbreviation: string; seq: number }): string {
  return pattern.replace(PART, (_m, name: string) => (name === '年' ? String(v.year) : name === '代字' ? v.abbreviation : String(v.seq)));
}
