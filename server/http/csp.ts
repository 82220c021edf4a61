// The Content-Security-Policy of the browser client's pages (client/dist). Everything the
// client loads comes from the platform itself: no CDN, no inline or eval'd script — Form.io
// runs with `noeval` (forms carry no JavaScript: the server refuses it at save). Inline
// styles stay allowed: Form.io's templates, bpmn-js and Element Plus set style attributes.
// Checked in Chromium by test/e2e (a violation is a console error there, and fails the test).
import type { RequestHandler } from 'express';

export const CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the client CSP on every response it sees; mount it in front of the client's static files. */
export const clientCsp: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CLIENT_CSP);
  next();
};
