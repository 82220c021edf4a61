import { describe, expect, it } from 'vitest';
import { parseCourtsCsv, splitCsvLine } from '../../../server/courts/courts.csv';

describe('courts CSV', () => {
  it('reads a header, a BOM, CRLF, quotes and an optional kind column', () => {
    const text = '\uFEFFcode,name,level,parent,province\r\nhi-x,"海口某法院, 新",基层,hi-hk-zy,海南省\r\n\r\nhi-y,某海事法院,专门,hi-gy,海南省,海事法院\r\n';
    const { rows, problems } = parseCourtsCsv(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0].fields.name).toBe('海口某法院, 新');
    expect(rows[1].fields.kind).toBe('海事法院');
  });
  it('reports wrong column counts and unbalanced quotes with line numbers', () => {
    const { problems } = parseCourtsCsv('code,name,level,parent,province\na,b,c\nx,"y,基层,p,q\n');
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[0].message).toMatch(/应有 5 列/);
    expect(problems[1].message).toBe('引号不配对');
  });
  it('refuses an empty file', () => {
    expect(parseCourtsCsv('code,name,level,parent,province\n').problems[0].message).toMatch(/没有任何法院/);
  });
  it('splits doubled quotes', () => {
    expect(splitCsvLine('"a""b",c')).toEqual(['a"b', 'c']);
  });
});
