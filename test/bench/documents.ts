// Documents per second: the 督办函 template filled in memory (docxtemplater alone), and the whole
// issue a completion triggers (dry fill, 文号 drawn atomically, fill, .docx into GridFS, record),
// on the shipped Hainan package; and the PDF of a filled letter by LibreOffice headless, one at a
// time (a cold soffice per document) and 8 at once (queued documents share one soffice run).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fillTemplate, LibreOfficeRenderer } from '../../server/documents';
import { ACTOR, benchPlatform, fmt, latNote, scaled, timed, type Row } from './lib';

const TEMPLATE = path.resolve(import.meta.dirname, '../../processes/hainan/templates/supervisionLetter.docx');

export async function benchDocuments(rows: Row[], log: (s: string) => void): Promise<void> {
  const template = await readFile(TEMPLATE);
  const values = { 文号: '（2026）琼执督函1号', 发文法院: '海南省高级人民法院', 被督办法院: '海口市中级人民法院', issues: '超过法定期限未执结。'.repeat(20), urgent: true };
  const nFill = scaled(300);
  log(`documents: fill ×${nFill}`);
  const fill = await timed(nFill, 1, async () => fillTemplate(template, values));
  rows.push({ benchmark: 'documents: fill the 督办函 template (.docx, in memory)', figure: fill.rate, unit: 'docs/s', note: latNote(fill) });

  const renderer = new LibreOfficeRenderer();
  if (await renderer.available()) {
    const filled = fillTemplate(template, values);
    try {
      for (const [n, at] of [[scaled(3, 3), 1], [scaled(16, 16), 8]] as const) {
        log(`documents: PDF ×${n}, ${at} at once`);
        const r = await timed(n, at, async () => renderer.toPdf(filled));
        rows.push({ benchmark: `documents: PDF of a filled 督办函 (LibreOffice headless, ${at} at once)`, figure: r.rate, unit: 'docs/s', note: latNote(r) });
      }
    } finally {
      await renderer.close();
    }
  } else {
    rows.push({ benchmark: 'documents: PDF (LibreOffice headless)', figure: 0, unit: 'docs/s', note: 'soffice not installed: no PDF' });
  }

  const b = await benchPlatform(); // installs the shipped packages, Hainan's templates with them
  try {
    const { cases, documents, forms } = b.platform.services;
    const form = (await forms.latest('hainan/supervisionLetter'))!;
    const caseDoc = await cases.start({ process: 'hainanSupervision', supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: '（2026）琼01执1号', complaintReceivedAt: '2026-03-02', source: '本院申诉信访系统录入交办' } }, ACTOR);
    const nIssue = scaled(200);
    log(`documents: issue ×${nIssue}`);
    let failed = 0;
    const issue = await timed(nIssue, 4, async (i) => {
      const [d] = await documents.afterTaskCompleted({
        caseDoc, task: { id: `bench-${i}`, elementId: 'issueSupervisionLetter' }, form: { key: form.key, revision: form.revision },
        data: { issues: '超过法定期限未执结。', requirements: '依法执行。', reportPeriod: 15, methods: { report: true } },
        history: [], actor: { ...ACTOR, name: '海南高院承办人' }, at: b.platform.clock.now(),
      });
      if (d?.status !== 'issued') failed++;
    });
    rows.push({
      benchmark: 'documents: issue a 督办函 (fill ×2, 文号, GridFS, record; 4 at once)', figure: issue.rate, unit: 'docs/s',
      note: `${latNote(issue)}${failed ? `; ${fmt(failed)} NOT ISSUED` : ''}`,
    });
  } finally {
    await b.close();
  }
}
