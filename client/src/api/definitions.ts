// A deployed diagram (GET /api/definitions/:key/:version → {xml}) and its element names, so
// history entries and completed tasks show 书面报告, not reportInWriting. Cached: versions are
// immutable.
import { http } from './http';

const xmlCache = new Map<string, Promise<string>>();

export function definitionXml(key: string, version: number): Promise<string> {
  const id = `${key}@${version}`;
  let p = xmlCache.get(id);
  if (!p) {
    p = http.get<{ xml: string }>(`/api/definitions/${encodeURIComponent(key)}/${version}`).then((r) => r.xml);
    p.catch(() => xmlCache.delete(id));
    xmlCache.set(id, p);
  }
  return p;
}

/** {element id: Chinese name} of every named element of the diagram. */
export async function elementNames(key: string, version: number): Promise<Map<string, string>> {
  const doc = new DOMParser().parseFromString(await definitionXml(key, version), 'application/xml');
  const names = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const id = el.getAttribute('id');
    const name = el.getAttribute('name');
    if (id && name) names.set(id, name);
  }
  return names;
}
