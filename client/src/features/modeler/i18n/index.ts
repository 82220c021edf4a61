// The `translate` service in Chinese: bpmn-js-i18n's zn.js, completed by our own strings.
// A string without a translation is recorded (window.__dubanMissingTranslations) so that the
// e2e test can prove nothing English reaches the screen; it is shown as is.
import zn from 'bpmn-js-i18n/translations/zn.js';
import { zhExtra } from './zh';

const dictionary: Record<string, string> = { ...(zn as Record<string, string>), ...zhExtra };

export const missingTranslations = new Set<string>();
(globalThis as { __dubanMissingTranslations?: Set<string> }).__dubanMissingTranslations = missingTranslations;

export function translate(template: string, replacements: Record<string, string> = {}): string {
  let text = dictionary[template];
  if (text === undefined) {
    // bpmn-js-properties-panel builds some labels with a trailing space or a plural suffix.
    text = dictionary[template.trim()];
    // Already Chinese (our lint messages, the server's problems) needs no translation.
    if (text === undefined && /[A-Za-z]{2}/.test(template) && !/[\u4e00-\u9fff]/.test(template)) missingTranslations.add(template);
  }
  return (text ?? template).replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

/** A bpmn-js module replacing diagram-js' stub translate. */
export const ChineseTranslateModule = { translate: ['value', translate] };

/**
 * A few properties-panel components render built-in titles without the translate service
 * (nested list items): their English titles are translated in the DOM as they appear.
 */
export function localizeTitles(container: HTMLElement): () => void {
  const fix = (el: Element) => {
    for (const attr of ['title', 'aria-label']) {
      const v = el.getAttribute(attr);
      if (v && /[A-Za-z]{3}/.test(v) && dictionary[v]) el.setAttribute(attr, dictionary[v]);
    }
  };
  const scan = (root: Element) => {
    fix(root);
    root.querySelectorAll('[title], [aria-label]').forEach(fix);
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') fix(m.target as Element);
      else m.addedNodes.forEach((n) => n instanceof Element && scan(n));
    }
  });
  observer.observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ['title', 'aria-label'] });
  scan(container);
  return () => observer.disconnect();
}
