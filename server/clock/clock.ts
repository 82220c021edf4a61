// The platform's notion of "now". Deadlines, timers and history all read it, never Date.now(),
// so that with DUBAN_CLOCK=manual a scenario can walk a regulation day by day.
// The manual time is kept in the database so that a restarted process continues from it.
import type mongoose from 'mongoose';
import { addIsoDuration } from './duration';

export interface Clock {
  readonly mode: 'system' | 'manual';
  now(): Date;
  /** Manual mode only: move to an instant and persist it. Setting it backwards is allowed
   *  (a training or test database may be rewound); nothing fires on the way back. */
  set(to: Date): Promise<Date>;
  advance(isoDuration: string): Promise<Date>;
  /** Manual mode: pick up a time another server process has set (before each timer pass). */
  sync(): Promise<void>;
}

export class ClockError extends Error {}

export function systemClock(): Clock {
  return {
    mode: 'system',
    now: () => new Date(),
    set: async () => {
      throw new ClockError('平台使用系统时钟，不能设置时间（需以 DUBAN_CLOCK=manual 启动）');
    },
    advance: async () => {
      throw new ClockError('平台使用系统时钟，不能拨动时间（需以 DUBAN_CLOCK=manual 启动）');
    },
    sync: async () => {},
  };
}

export async function manualClock(connection: mongoose.Connection): Promise<Clock> {
  const settings = connection.collection<{ _id: string; now: Date }>('settings');
  const saved = await settings.findOne({ _id: 'clock' });
  let current = saved?.now ?? new Date();
  const persist = async (to: Date) => {
    if (Number.isNaN(to.getTime())) throw new ClockError('无效的时间');
    current = to;
    await settings.updateOne({ _id: 'clock' }, { $set: { now: to } }, { upsert: true });
    return current;
  };
  return {
    mode: 'manual',
    now: () => new Date(current.getTime()),
    set: (to) => persist(to),
    advance: (d) => persist(addIsoDuration(current, d)),
    async sync() {
      const latest = await settings.findOne({ _id: 'clock' });
      if (latest?.now) current = latest.now;
    },
  };
}
