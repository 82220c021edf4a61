// The words of legal periods, shared by the timer notation (notation.ts: what an administrator
// types) and the period extractor (extract.ts: what a regulation says). One lexicon, so a
// period the extractor finds in an article is written exactly as the notation reads it.
import type { PeriodUnit } from './types';
import { CN_NUMERAL_CHARS } from './numerals';

/** A count: Arabic (ASCII or full-width) or Chinese numerals. */
export const NUM = `[0-9０-９]+|[${CN_NUMERAL_CHARS}]+`;

/** Unit words (regex sources), longest first: 个工作日 before 日, 个小时 before 小时. */
export const UNITS: [string, PeriodUnit][] = [
  ['(?:个)?工作日', 'workday'],
  ['(?:个)?(?:自然日|日|天)', 'day'],
  ['(?:个)?月', 'month'],
  ['年', 'year'],
  ['(?:个)?小时', 'hour'],
];
export const UNIT_WORDS: [RegExp, PeriodUnit][] = UNITS.map(([src, unit]) => [new RegExp(`^${src}`), unit]);

/**
 * Any unit, as one alternation, for scanning running text: printed regulations put spaces
 * inside (「应于 1 个月内」), and a month needs its 个 there (「三月」 is March, not three months).
 */
export const UNIT_IN_TEXT = UNITS.map(([src, unit]) => (unit === 'month' ? '个[ \\t\\u3000]*月' : src.replace('(?:个)?', '(?:个[ \\t\\u3000]*)?'))).join('|');

/** "within": 内 / 以内 / 之内, and the traditional 內 some regulations keep (海南暂行规定 第十二条). */
export const WITHIN = /^(?:以内|之内|内|以內|之內|內)/;

/** The warning prefix: 届满前, and 界满前 as some texts misprint it (山东 鲁高法〔2018〕17号). */
export const BEFORE_END = '(?:届满前|界满前)';
export const OVERDUE = '逾期';
