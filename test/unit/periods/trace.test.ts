// TRACE.md is generated (npm run trace): the committed file of every shipped package is exactly
// what the package and its tests give, so it cannot claim what the diagrams do not do.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTests, testArticles } from '../../../server/periods/trace';
import { traceOf } from '../../../server/periods/traceFiles';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// The 测试 column is left out of the comparison: a test added to test/scenarios/<id>/ by another
// change must not fail this one (npm run trace -- --check compares everything).
const withoutTests = (md: string) => md.split('\n').map((l) => (l.startsWith('| ') ? l.replace(/ \| (?:[^|]|\\\|)*? \|$/, ' |') : l)).join('\n');
const shipped = readdirSync(path.join(ROOT, 'processes'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('generated TRACE.md', () => {
  for (const id of shipped) {
    it(`${id}: the committed TRACE.md is what npm run trace gives`, async () => {
      const committed = readFileSync(path.join(ROOT, 'processes', id, 'TRACE.md'), 'utf8');
      expect(withoutTests(committed), `processes/${id}/TRACE.md 与程序包不符：请运行 npm run trace -- ${id}`).toBe(withoutTests(await traceOf(ROOT, id)));
    }, 60_000);
  }

  it('a test names its articles by a 条文 comment or a title that names the document', () => {
    const tests = readTests('x.test.ts', [
      "describe('督办 (海南办法 第四条)', () => {",
      '  // 条文：海南暂行规定 第二十三条',
      "  it('escalates ten days late', () => {});",
      "  it('第九条 alone names no document', () => {});",
      '});',
      "it('outside', () => {});",
    ].join('\n'));
    expect(tests.map((t) => t.titles)).toEqual([['督办 (海南办法 第四条)', 'escalates ten days late'], ['督办 (海南办法 第四条)', '第九条 alone names no document'], ['outside']]);
    const articles = { documents: [{ id: '海南办法', title: '办法', articles: [] }, { id: '海南暂行规定', title: '暂行规定', articles: [] }] };
    expect(testArticles(tests[0], articles)).toEqual([{ document: '海南暂行规定', no: '第二十三条' }, { document: '海南办法', no: '第四条' }]);
    expect(testArticles(tests[1], articles)).toEqual([{ document: '海南办法', no: '第四条' }]);
    expect(testArticles(tests[2], articles)).toEqual([]);
  });
});
