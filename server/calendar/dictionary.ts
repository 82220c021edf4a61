// A package's data dictionary in deadlines: variables are stored by name (what the engine and
// FEEL read: `5日 自 complaintReceivedAt`) and shown and typed by their Chinese label
// (`5日 自 收到信访材料之日`); named dates (namedDates.ts) stand in for their FEEL. Pure (no
// Node API) so the browser's 期限一览 and modeler panel use the same code.
import { namedDateOf } from './namedDates';

export interface DictionaryEntry {
  name: string;
  label: string;
  type?: string;
  description?: string;
}
export type Dictionary = readonly DictionaryEntry[];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = <T>(list: readonly T[], key: (t: T) => string) => [...list].sort((a, b) => key(b).length - key(a).length);

/** Typed text → stored notation: every label becomes its variable name, longest first (被督办法院 before 督办法院). */
export function labelsToNames(text: string, dictionary: Dictionary): string {
  let out = text;
  for (const e of byLength(dictionary, (x) => x.label)) out = out.split(e.label).join(e.name);
  return out;
}

/** Stored notation → what people read: variable names as labels, named dates by name. */
export function namesToLabels(notation: string, dictionary: Dictionary): string {
  let out = notation;
  const date = /^(.*?日期\s*[:：]?\s*)(.+)$/.exec(out);
  const named = date && namedDateOf(date[2]);
  if (date && named) out = `${date[1]}${named}`;
  for (const e of byLength(dictionary, (x) => x.name)) {
    // A whole identifier only: letterReceivedAt, not letterReceivedAtCourt or x.letterReceivedAt.
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_.])${escape(e.name)}(?![A-Za-z0-9_])`, 'g'), e.label);
  }
  return out;
}

/** Problems of a dictionary (names and labels unique, labels usable inside a deadline). */
export function dictionaryProblems(dictionary: Dictionary): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const names = new Set<string>();
  const labels = new Set<string>();
  dictionary.forEach((e, index) => {
    if (names.has(e.name)) out.push({ index, message: `变量「${e.name}」在数据字典中重复` });
    if (labels.has(e.label)) out.push({ index, message: `中文名称「${e.label}」在数据字典中重复：一个名称只能对应一个变量` });
    if (/\s/.test(e.label)) out.push({ index, message: `中文名称「${e.label}」不能含空白` });
    if (/^(自|日期|届满前|逾期|分时督办)|[{}()]/.test(e.label)) out.push({ index, message: `中文名称「${e.label}」不能以期限写法的关键字开头或含括号` });
    names.add(e.name);
    labels.add(e.label);
  });
  return out;
}
