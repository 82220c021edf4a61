// Reading an untrusted zip: every unsafe construct is a Chinese problem naming the entry, and
// nothing beyond the limits is ever inflated.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readZip, ZIP_LIMITS } from '../../../server/packages/zip.read';
import { writeZip } from '../../../server/packages/zip.write';
import { patchDeclaredSize, patchName, sampleFiles, zipOf } from './fixtures/harness';

const codes = (r: Awaited<ReturnType<typeof readZip>>) => r.problems.map((p) => p.code);

describe('readZip', () => {
  it('reads every file of a valid package, byte for byte', async () => {
    const files = sampleFiles();
    const r = await readZip(await zipOf(files));
    expect(r.problems).toEqual([]);
    expect([...r.files.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [p, data] of files) expect(r.files.get(p)!.equals(data)).toBe(true);
  });

  it('writeZip gives the same bytes for the same files in any order', async () => {
    const files = sampleFiles();
    const reversed = new Map([...files].reverse());
    expect((await writeZip(files)).equals(await writeZip(reversed))).toBe(true);
  });

  it.each([
    ['../evil.json', '路径穿越'],
    ['/etc/passwd1', '绝对路径'],
    ['C:/windows.x', '盘符'],
    ['forms\\x.json', '反斜杠'],
  ])('refuses the unsafe path %s (%s) and reads the rest', async (evil) => {
    const files = new Map(sampleFiles());
    const placeholder = 'a'.repeat(Buffer.byteLength(evil));
    files.set(placeholder, Buffer.from('{}'));
    const zip = patchName(await zipOf(files), placeholder, evil);
    const r = await readZip(zip);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: evil, code: 'ZIP_UNSAFE_PATH' });
    expect(r.problems[0].message).toMatch(/不安全的路径/);
    expect(r.files.has(evil)).toBe(false);
    expect(r.files.has('manifest.json')).toBe(true);
  });

  it('refuses a symlink', async () => {
    const files = new Map([['processes/link.bpmn', Buffer.from('/etc/passwd')]]);
    const r = await readZip(await zipOf(files, { 'processes/link.bpmn': { mode: 0o120777 } }));
    expect(r.problems[0]).toMatchObject({ file: 'processes/link.bpmn', code: 'ZIP_SYMLINK' });
    expect(r.problems[0].message).toContain('符号链接');
  });

  it('refuses a zip bomb by compression ratio before inflating it', async () => {
    const files = new Map([['forms/bomb.json', Buffer.alloc(1_500_000, 0x20)]]);
    const r = await readZip(await zipOf(files));
    expect(r.problems[0]).toMatchObject({ file: 'forms/bomb.json', code: 'ZIP_RATIO' });
    expect(r.problems[0].message).toMatch(/压缩比.*倍/);
    expect(r.files.size).toBe(0);
  });

  it('refuses a file over the size limit by its declared size', async () => {
    const big = randomBytes(ZIP_LIMITS.maxFileBytes + 10);
    const r = await readZip(await zipOf(new Map([['processes/big.bpmn', big]])));
    expect(r.problems[0]).toMatchObject({ file: 'processes/big.bpmn', code: 'FILE_TOO_LARGE' });
    expect(r.problems[0].message).toMatch(/超过单个文件上限/);
  });

  it('stops inflating at the declared size when the zip lies about it', async () => {
    const data = randomBytes(600_000);
    const zip = patchDeclaredSize(await zipOf(new Map([['processes/liar.bpmn', data]])), 'processes/liar.bpmn', 1000);
    const r = await readZip(zip);
    expect(r.problems[0]).toMatchObject({ file: 'processes/liar.bpmn', code: 'ZIP_SIZE_MISMATCH' });
    expect(r.files.size).toBe(0);
  });

  it('refuses more total bytes than the limit', async () => {
    const files = new Map<string, Buffer>();
    for (let i = 0; i < 8; i++) files.set(`forms/f${i}.json`, randomBytes(1_900_000));
    const r = await readZip(await zipOf(files));
    expect(codes(r)).toContain('ZIP_TOO_LARGE');
    const total = [...r.files.values()].reduce((n, b) => n + b.length, 0);
    expect(total).toBeLessThanOrEqual(ZIP_LIMITS.maxTotalBytes);
  });

  it('refuses too many entries without reading them', async () => {
    const files = new Map<string, Buffer>();
    for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) files.set(`forms/f${i}.json`, Buffer.from('{}'));
    const r = await readZip(await zipOf(files));
    expect(codes(r)).toEqual(['ZIP_TOO_MANY_ENTRIES']);
    expect(r.files.size).toBe(0);
  });

  it('reports a duplicate entry and something that is not a zip', async () => {
    const files = new Map([['manifest.json', Buffer.from('{}')], ['aanifest.json', Buffer.from('[]')]]);
    const dup = await readZip(patchName(await zipOf(files), 'aanifest.json', 'manifest.json'));
    expect(codes(dup)).toEqual(['ZIP_DUPLICATE_ENTRY']);
    const junk = await readZip(Buffer.from('this is not a zip file at all'));
    expect(codes(junk)).toEqual(['ZIP_INVALID']);
    expect(junk.problems[0].message).toContain('不是有效的 zip 文件');
  });
});
