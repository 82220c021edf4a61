// The one place Form.io is configured (renderer here, builder in features/form-builder reuses
// it): everything it would fetch from cdn.form.io is either bundled (flatpickr) or served by
// the platform under /vendor/formio (vite.config.ts copies it), strings are Chinese, and file
// uploads go through our attachments provider.
import { Formio, Providers, Templates, Utils } from '@formio/js/form';
import flatpickr from 'flatpickr';
import { Mandarin } from 'flatpickr/dist/l10n/zh.js';
import './formio.css';
import { urlStorage } from './storage';
import { ZH_CN } from './zh-CN';

export const FORMIO_LANGUAGE = 'zh-CN';
export const formioI18n = { [FORMIO_LANGUAGE]: ZH_CN };

let done = false;

export function setupFormio(): typeof Formio {
  if (done) return Formio;
  done = true;
  // Any library Form.io still requests by URL comes from our own origin, never a CDN.
  Formio.cdn.setBaseUrl(`${window.location.origin}/vendor/formio`);
  // Form.io's calendar widget loads flatpickr through requireLibrary(), which first looks for
  // these globals: present, nothing is fetched. The locale global stands for "zh is loaded".
  // No eval: forms carry no JavaScript (refused at save), and the pages' CSP has no
  // 'unsafe-eval'. String templates are then interpolated as {{ path }} only.
  (Utils as unknown as { Evaluator: { noeval: boolean } }).Evaluator.noeval = true;
  // Weeks start on Monday, as on every Chinese calendar (flatpickr's zh locale says Sunday).
  const zh = { ...Mandarin, firstDayOfWeek: 1 };
  flatpickr.localize(zh);
  // The date component asks for the locale of the form's language (`flatpickr-zh-CN`); a
  // global of that name means "loaded", and flatpickr finds the locale under that name.
  (flatpickr.l10ns as Record<string, unknown>)['zh-CN'] = zh;
  const w = window as unknown as Record<string, unknown>;
  w.flatpickr = flatpickr;
  w['flatpickr-zh'] = zh;
  w[`flatpickr-${FORMIO_LANGUAGE}`] = zh;
  // A checkbox read as text (a submitted document) says 是/否, not the template's True/False.
  type Ctx = { input: { labelClass?: string; content?: string; label: string }; self: { labelIsHidden(): boolean }; checked: boolean };
  (Templates as unknown as { current: unknown }).current = {
    checkbox: {
      html: (ctx: Ctx) =>
        `<label class="${ctx.input.labelClass ?? ''}">${ctx.input.content ?? ''}${ctx.self.labelIsHidden() ? '' : `<span>${ctx.input.label}</span>`}</label><div ref="value">${ctx.checked ? '是' : '否'}</div>`,
    },
  };
  // Form.io constructs providers (`new Provider(formio)`): a function, not an arrow.
  const UrlProvider = Object.assign(function UrlProvider() {
    return urlStorage;
  }, { title: urlStorage.title });
  (Providers as unknown as { addProvider(t: string, n: string, p: unknown): void }).addProvider('storage', 'url', UrlProvider);
  return Formio;
}

export { Formio };
