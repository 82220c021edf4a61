// Outside channels (短信、政务微信、电子邮件): an adapter hands a message to a gateway. The
// platform ships the file adapter only — it writes one JSON line per message and contacts
// nothing outside — for tests and for sites that let their own relay pick the files up.
// A site's SMS / 政务微信 / e-mail adapter implements `Channel` (README.md "Channels").
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beijingDay, type Message } from './kinds';

export interface Recipient {
  username: string;
  name: string;
  court: string;
}

export interface Channel {
  /** As configured (`file:/var/lib/duban/outbox`): stored on each message until it is handed over. */
  readonly name: string;
  /** Resolves once the gateway has the message; a rejection leaves it pending for the next pass. */
  send(message: Message, to: Recipient): Promise<void>;
}

/** `<dir>/<Beijing day>.jsonl`, one line per message: id, recipient, kind, title, body. */
export function fileChannel(name: string, dir: string): Channel {
  return {
    name,
    async send(m, to) {
      await mkdir(dir, { recursive: true });
      const line = JSON.stringify({
        id: m._id, to, kind: m.kind, title: m.title, body: m.body,
        at: m.at, ...(m.caseNo ? { caseNo: m.caseNo } : {}), ...(m.link ? { link: m.link } : {}),
      });
      await appendFile(path.join(dir, `${beijingDay(m.at)}.jsonl`), `${line}\n`, 'utf8');
    },
  };
}

/** The channels named in DUBAN_NOTIFY_CHANNELS (config.ts validates the form `file:<dir>`). */
export function channelsFrom(names: string[]): Channel[] {
  return names.map((n) => {
    const [kind, ...rest] = n.split(':');
    if (kind === 'file') return fileChannel(n, path.resolve(rest.join(':')));
    throw new Error(`未知的通知通道：${n}`);
  });
}
