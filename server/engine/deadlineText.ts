// The text of a deadline notation, as deploy checks read it: pure, no calendar data, so the
// browser modeler runs the same checks (modelCheck.ts).
import { parseDeadline } from '../calendar/notation';
import type { DeadlineSpec } from '../calendar/types';

/** timeDate bodies name a date directly: `日期 expr`, or just the FEEL expression. */
export function notationOf(timerType: string, body: string): string {
  const text = body.trim();
  if (timerType !== 'timeDate' || /^日期/.test(text)) return text;
  return `日期 ${text}`;
}

export function parseNotation(notation: string): DeadlineSpec {
  return parseDeadline(notation);
}

// A period a form sets (the report period written in a 督办函): `{expr}` in a notation is
// replaced by the FEEL value of expr when the deadline is armed — a number means that many
// days, text is read as a period ("15日", "1个月", "P10WD"). The value used is recorded with
// the timer, so a later edit of the form does not move a deadline already running.
export const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The FEEL expressions of a notation's placeholders (deploy checks them). */
export function placeholders(notation: string): string[] {
  return [...notation.matchAll(PLACEHOLDER)].map((m) => m[1].trim());
}

/** The notation with placeholders replaced by a sample period, for syntax checks at deploy. */
export function sampleNotation(notation: string): string {
  return notation.replace(PLACEHOLDER, '1日');
}

