// Chinese numerals as regulations write periods: 五日, 十日, 二十日, 三十日, 两个月, 一百二十日.
const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const DIGIT_CHARS = '零一二三四五六七八九';

/** Characters that may make up a Chinese numeral (for the tokenizer). */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** Parses 一 … 九千九百九十九; undefined when the text is not a well-formed numeral. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let pending: number | null = null; // a digit waiting for its unit
  let lastUnit = Infinity;
  let zeroSeen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch in DIGITS) {
      const v = DIGITS[ch];
      if (pending !== null && pending !== 0) return undefined; // "二三"
      if (v === 0) zeroSeen = true;
      pending = v;
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (unit >= lastUnit) return undefined; // "十十", "十百"
      // A leading 十 means 一十 (十五 = 15); elsewhere a unit needs its digit.
      const v: number | null = pending ?? (i === 0 && unit === 10 ? 1 : null);
      if (v === null || v === 0) return undefined;
      total += v * unit;
      lastUnit = unit;
      pending = null;
      zeroSeen = false;
    } else {
      return undefined;
    }
  }
  if (pending !== null) {
    // "一百五" is colloquial for 150; legal texts write 一百五十, so refuse the ambiguity.
    if (lastUnit > 10 && lastUnit !== Infinity && !zeroSeen && pending !== 0) return undefined;
    total += pending;
  }
  return total;
}

/** 5 → 五, 10 → 十, 20 → 二十, 105 → 一百零五, 110 → 一百一十. */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGIT_CHARS[n];
  if (n < 20) return '十' + (n % 10 ? DIGIT_CHARS[n % 10] : '');
  let out = '';
  let zero = false;
  for (const [unit, ch] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
    const d = Math.floor(n / unit) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGIT_CHARS[d] + ch;
  }
  return out;
}

/** Arabic (ASCII or full-width) or Chinese numeral; undefined when neither. */
export function parseNumber(text: string): number | undefined {
  const ascii = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return parseChineseNumeral(text);
}
