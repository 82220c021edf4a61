// The embedded store in a process of its own, for the memory bench: the platform process then
// holds only what the platform holds. No journal (nothing here needs to survive). Reports its
// port, then its memory on request, over the fork IPC channel.
import { startServer } from '../../server/embedded-mongo';
import type { Durability } from '../../server/embedded-mongo/store/durability.types';
import { openStore } from '../../server/embedded-mongo/store/store';

const keepNothing = (): Durability => ({
  open: async () => ({ snapshot: [], records: [] }), append: async () => undefined,
  writeSnapshot: async () => undefined, journalBytes: () => 0, close: async () => undefined,
});
const store = await openStore({ dir: '', durability: keepNothing() });
const server = await startServer({ store, port: 0 });
process.on('message', async (m) => {
  if (m === 'mem') process.send!({ rss: process.memoryUsage().rss });
  if (m === 'stop') {
    await server.close();
    await store.close();
    process.exit(0);
  }
});
process.send!({ port: server.port });
