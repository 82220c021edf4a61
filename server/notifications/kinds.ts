// What the message centre says, in the court's terms. A message is about one event for one
// person; its id names both, so the same event never reaches the same person twice.
export const MESSAGE_KINDS = ['新任务', '指派给我', '临期预警', '逾期', '催办', '台账后果', '每日摘要'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface Message {
  /** `<source>:<person>`: deterministic, so a retry, a second process or a rebuild writes nothing new. */
  _id: string;
  user: string;
  kind: MessageKind;
  title: string;
  body: string;
  /** Platform time of the event (the manual clock in training and tests). */
  at: Date;
  caseId?: string;
  caseNo?: string;
  taskId?: string;
  /** The page the message opens (`/tasks/<id>`, `/cases/<id>`, `/ledger`). */
  link?: string;
  readAt: Date | null;
  /** Outside channels (server/notifications/channels.ts) this message has still to be handed to. */
  pendingChannels: string[];
}

export type Draft = Omit<Message, '_id' | 'user' | 'readAt' | 'pendingChannels'>;

/** Who a message goes to: one account, or the holders of roles at a court (less those 回避). */
export type Recipients = { users: string[] } | { court: string; roles: string[]; exclude?: string[] };

const BEIJING_MS = 8 * 3600_000;

/** The Beijing calendar day of an instant: `2026-12-08` (the digest's day). */
export const beijingDay = (at: Date) => new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** The Beijing hour of an instant (0–23). */
export const beijingHour = (at: Date) => new Date(at.getTime() + BEIJING_MS).getUTCHours();
