// Filling a checked template: docxtemplater on the zip, values as plain text (escaped by the
// library), never XML put together by hand.
import Docxtemplater from 'docxtemplater';
import { openDocx } from './inspect';
import { TEMPLATE_OPTIONS } from './options';

export type TemplateData = Record<string, string | boolean | number>;

export function fillTemplate(template: Buffer, data: TemplateData): Buffer {
  const { zip, problem } = openDocx(template);
  if (!zip) throw new Error(problem!.message);
  const doc = new Docxtemplater(zip, {
    ...TEMPLATE_OPTIONS,
    // A field the handler left empty prints as nothing, not as "undefined".
    nullGetter: () => '',
  });
  doc.render(data);
  return doc.toBuffer({ compression: 'DEFLATE' }) as Buffer;
}
