// A date typed by hand is checked as the court wrote it. Form.io's calendar (flatpickr) would
// otherwise turn 2026-02-30 into 2026-03-02 without a word, and its input mask silently drops
// text like 明天. Listening in the capture phase on the form's root, we see the typed text
// before flatpickr and the mask do: a wrong date is refused on the field with a Chinese
// message (it stays a field error, so Form.io will not submit), and flatpickr never rolls it over.

type Instance = {
  component: { key?: string; label?: string; type?: string };
  element?: HTMLElement;
  serverErrors?: unknown[];
  setCustomValidity(messages: unknown, dirty?: boolean): void;
};
type Root = { everyComponent(fn: (c: Instance) => void): void };

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*(?:AM|PM|am|pm|上午|下午))?)?$/;
/** What the input mask lets through: digits, separators, its placeholder. */
const MASKABLE = /^[\d\s\-_:/APMapm]*$/;

const realDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** null when the text is empty or a real date; otherwise the message (without the label). */
export function typedDateProblem(text: string): string | null {
  const t = text.replace(/_/g, '').trim();
  if (!t || /^[-:\s/]*$/.test(t)) return null;
  const m = DATE.exec(t);
  if (!m) return '的日期格式不正确（应为 年-月-日，如 2026-12-17）';
  if (!realDay(+m[1], +m[2], +m[3])) return `的日期 ${m[1]}-${m[2]}-${m[3]} 不存在`;
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59)) return `的时间 ${m[4]}:${m[5]} 不存在`;
  return null;
}

/**
 * flatpickr's `parseDate` for the platform's date fields: a date written as 年-月-日 must be a
 * real one (undefined refuses it, and flatpickr clears the field instead of rolling 02-30 over
 * to 03-02); anything else (the ISO value Form.io sets) is parsed as flatpickr would.
 */
export function strictParseDate(fallback: (s: string, format: string) => Date | undefined) {
  return (text: string, format: string): Date | undefined => {
    const m = DATE.exec(text.trim());
    if (!m) return fallback(text, format);
    if (typedDateProblem(text)) return undefined;
    let hour = m[4] === undefined ? 0 : +m[4];
    if (/PM|下午/i.test(text) && hour < 12) hour += 12;
    if (/AM|上午/i.test(text) && hour === 12) hour = 0;
    return new Date(+m[1], +m[2] - 1, +m[3], hour, m[5] === undefined ? 0 : +m[5]);
  };
}

const isDateInput = (t: EventTarget | null): t is HTMLInputElement =>
  t instanceof HTMLInputElement && t.type !== 'hidden' && !!t.closest('.formio-component-datetime');

/** Watches the date fields under `el`; returns the function that stops watching. */
export function watchTypedDates(el: HTMLElement, form: () => Root | null): () => void {
  // Text the mask refused (明天): remembered until the next acceptable keystroke.
  const refused = new WeakMap<HTMLInputElement, string>();

  const componentOf = (input: HTMLInputElement): Instance | null => {
    let found: Instance | null = null;
    form()?.everyComponent((c) => {
      if (c.component.type === 'datetime' && c.element?.contains(input)) found = c;
    });
    return found;
  };
  const show = (input: HTMLInputElement, message: string | null) => {
    const c = componentOf(input);
    if (!c) return;
    const error = message ? { message: `${c.component.label ?? ''}${message}`, level: 'error', fromServer: true, component: c.component } : null;
    // serverErrors: Form.io adds them to the field's own checks, so the form is not submitted.
    c.serverErrors = error ? [error] : [];
    c.setCustomValidity(error ? [error] : [], true);
  };

  const onInput = (e: Event) => {
    if (!isDateInput(e.target)) return;
    const value = e.target.value;
    if (MASKABLE.test(value)) refused.delete(e.target);
    else refused.set(e.target, value);
  };
  const check = (e: Event) => {
    if (!isDateInput(e.target) || e.target.readOnly || e.target.disabled) return false;
    const problem = refused.has(e.target) ? '的日期格式不正确（应为 年-月-日，如 2026-12-17）' : typedDateProblem(e.target.value);
    show(e.target, problem);
    // Keep flatpickr from reading (and rolling over) a wrong date.
    if (problem) e.stopPropagation();
    return !!problem;
  };
  const onBlur = (e: FocusEvent) => {
    // Moving into the calendar popup: the pick, not the half-typed text, decides.
    if ((e.relatedTarget as HTMLElement | null)?.closest?.('.flatpickr-calendar')) return;
    void check(e);
  };
  // A date picked in the calendar (flatpickr fires change): the field is right again.
  const onChange = (e: Event) => {
    const box = (e.target as HTMLElement | null)?.closest?.('.formio-component-datetime');
    const input = box?.querySelector<HTMLInputElement>('input:not([type="hidden"])');
    if (!input || refused.has(input) || typedDateProblem(input.value)) return;
    show(input, null);
  };
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && check(e)) e.preventDefault();
  };
  el.addEventListener('input', onInput, true);
  el.addEventListener('blur', onBlur, true);
  el.addEventListener('keydown', onKeydown, true);
  el.addEventListener('change', onChange, true);
  return () => {
    el.removeEventListener('change', onChange, true);
    el.removeEventListener('input', onInput, true);
    el.removeEventListener('blur', onBlur, true);
    el.removeEventListener('keydown', onKeydown, true);
  };
}
