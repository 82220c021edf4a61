// What a 催办 reads besides the case: who holds a role at a court, and whether the case's
// package records 催办 in the ledger (manifest `ledger.recordUrges`).
import type { Connection } from 'mongoose';

export interface Holder {
  username: string;
  name: string;
  court: string;
}

export function createUrgingRepository(connection: Connection) {
  return {
    async holders(court: string, roles: string[]): Promise<Holder[]> {
      return (await connection.collection('users')
        .find({ court, roles: { $in: roles }, disabled: { $ne: true } }, { projection: { username: 1, name: 1, court: 1 } })
        .toArray()) as unknown as Holder[];
    },

    async courtOfUser(username: string): Promise<string | undefined> {
      return ((await connection.collection('users').findOne({ username }, { projection: { court: 1 } }))?.court as string | undefined) ?? undefined;
    },

    /** The published package the case's definition came from: its `ledger.recordUrges`. */
    async recordsUrges(definition: { key: string; version: number }): Promise<boolean> {
      const d = await connection.collection('definitions').findOne({ key: definition.key, version: definition.version }, { projection: { packageId: 1 } });
      if (!d?.packageId) return false;
      const p = await connection.collection('packages')
        .find({ packageId: d.packageId, status: 'published' }, { projection: { 'manifest.ledger.recordUrges': 1 } })
        .sort({ version: -1 }).limit(1).toArray();
      return p[0]?.manifest?.ledger?.recordUrges === true;
    },
  };
}
export type UrgingRepository = ReturnType<typeof createUrgingRepository>;
