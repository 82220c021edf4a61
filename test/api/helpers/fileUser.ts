// A signed-in user whose answers are files (Excel exports, docx templates, PDFs): supertest parses
// only text and JSON, so these read the body as a Buffer. The JSON API's users are startScenario's
// `as` (test/scenarios/helpers.ts).
import type { Test } from 'supertest';
import type { TestPlatform } from './testPlatform';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The answer's body as a Buffer, whatever its type. */
export const binary = (t: Test) => t.buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
});

export async function fileUser(p: TestPlatform, username: string) {
  const { agent, csrfToken } = await p.login(username);
  return {
    get: (url: string) => binary(agent.get(url)),
    post: (url: string, body: object = {}) => binary(agent.post(url).set('X-CSRF-Token', csrfToken).send(body)),
    /** A file sent as the request body (a template revision), answered in JSON. */
    upload: (url: string, body: Buffer | string, type = DOCX) => agent.post(url).set('X-CSRF-Token', csrfToken).set('Content-Type', type).send(body),
  };
}
