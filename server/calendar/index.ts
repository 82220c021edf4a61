// The legal calendar (CALENDAR.md): deadline notation, holidays, computation, recomputation.
// Pure logic: the database holds the `holidays` rows, the engine resolves FEEL bases.
export type * from './types';
export { DeadlineSyntaxError, parseDeadline, formatDeadline, parsePeriodIso, baseExpression } from './notation';
export type { FormatOptions } from './notation';
export { parseChineseNumeral, formatChineseNumeral } from './numerals';
export {
  buildCalendar, calendarFromRows, calendarFromJson, seedHolidays, chineseDaysYears, defaultCalendar, describeYear,
  CHINESE_DAYS_SOURCE, PROJECTION_SOURCE,
} from './holidays';
export type { HolidayEntry, HolidayRow, BuiltCalendar } from './holidays';
export { projectStatutoryHolidays } from './projection';
export { computeDeadline, computeFromNotation, addPeriodIso } from './compute';
export type { DeadlineAnswer } from './compute';
export { DeadlineComputeError } from './period';
export { WINDOWS } from './derived';
export { recomputeDeadlines, confirmOverdue, yearsOf } from './recompute';
export type { DeadlineRecord, DeadlineChange } from './recompute';
export { beijingDate, beijingInstant, parseBeijingInstant } from './dates';
export { NAMED_DATES, namedDateFeel, namedDateOf, type NamedDate } from './namedDates';
export { labelsToNames, namesToLabels, dictionaryProblems, type Dictionary, type DictionaryEntry } from './dictionary';
export { parseCycle, formatCycle, nextOccurrence, isCycleNotation } from './cycle';
export type { CycleSpec, CycleEvery, Occurrence } from './cycle';
