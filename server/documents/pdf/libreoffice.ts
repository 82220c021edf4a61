// .docx → PDF with LibreOffice headless (Debian `libreoffice-writer-nogui`): the PDF is the
// template's own layout, fonts embedded (subset) by LibreOffice's PDF export, with no second
// layout to keep in step (README.md, "PDF"). One renderer per server process runs one soffice at
// a time on its own profile; documents that wait meanwhile go together in the next run, since
// starting soffice costs far more than converting one more file.
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const FONTS_CONF = path.join(import.meta.dirname, 'fonts.conf');
const BATCH = 16;

export const PDF_UNAVAILABLE = '本服务器未安装 LibreOffice（Debian 软件包 libreoffice-writer-nogui），暂不能生成 PDF：请下载 .docx，用 Word / WPS 打开后打印或另存为 PDF';

export class PdfUnavailableError extends Error {
  constructor() {
    super(PDF_UNAVAILABLE);
  }
}

export interface PdfRenderer {
  /** The PDF of a .docx; PdfUnavailableError when the server has no LibreOffice. */
  toPdf(docx: Buffer): Promise<Buffer>;
  available(): Promise<boolean>;
  close(): Promise<void>;
}

/** The named soffice (config DUBAN_SOFFICE), else the one on PATH; null when none or `off`. */
async function findSoffice(named?: string): Promise<string | null> {
  if (named === 'off') return null;
  const candidates = named ? [named] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((d) => [path.join(d, 'soffice'), path.join(d, 'libreoffice')]);
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return null;
}

interface Job { docx: Buffer; resolve(pdf: Buffer): void; reject(err: Error): void }

export class LibreOfficeRenderer implements PdfRenderer {
  private binary?: Promise<string | null>;
  private dir?: Promise<string>;
  private readonly queue: Job[] = [];
  private running?: Promise<void>;
  private closed = false;

  constructor(private readonly opts: { soffice?: string; timeoutMs?: number } = {}) {}

  available(): Promise<boolean> {
    this.binary ??= findSoffice(this.opts.soffice);
    return this.binary.then((b) => b !== null);
  }

  async toPdf(docx: Buffer): Promise<Buffer> {
    if (!(await this.available())) throw new PdfUnavailableError();
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ docx, resolve, reject });
      this.drain();
    });
  }

  /** One soffice at a time; whatever queued meanwhile goes in the next run. */
  private drain(): void {
    if (this.running || this.closed || !this.queue.length) return;
    const batch = this.queue.splice(0, BATCH);
    this.running = this.convert(batch.map((j) => j.docx)).then(
      (pdfs) => batch.forEach((j, i) => (pdfs[i] ? j.resolve(pdfs[i]!) : j.reject(new Error('LibreOffice 未生成 PDF')))),
      (err) => batch.forEach((j) => j.reject(err as Error)),
    ).finally(() => {
      this.running = undefined;
      this.drain();
    });
  }

  private async convert(files: Buffer[]): Promise<(Buffer | null)[]> {
    this.dir ??= mkdtemp(path.join(os.tmpdir(), 'duban-pdf-'));
    const dir = await this.dir;
    const work = path.join(dir, `run-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    await mkdir(work, { recursive: true });
    try {
      const inputs = await Promise.all(files.map(async (f, i) => {
        const p = path.join(work, `d${i}.docx`);
        await writeFile(p, f);
        return p;
      }));
      await this.run(await this.binary!, [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
        '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, ...inputs,
      ]);
      return Promise.all(files.map((_f, i) => readFile(path.join(work, `d${i}.pdf`)).catch(() => null)));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private run(binary: string | null, args: string[]): Promise<void> {
    const timeoutMs = this.opts.timeoutMs ?? 180_000;
    return new Promise((resolve, reject) => {
      const child = spawn(binary!, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, SAL_USE_VCLPLUGIN: 'svp', HOME: os.tmpdir() },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(signal ? `LibreOffice 超时（${Math.round(timeoutMs / 1000)} 秒）` : `LibreOffice 退出码 ${code}：${stderr.trim()}`));
      });
    });
  }

  async close() {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('服务器正在关闭'));
    await this.running;
    if (this.dir) await rm(await this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
