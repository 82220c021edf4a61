// The platform's time (GET /api/clock). Deadline marks compare due instants with the
// platform's clock, not the browser's: in training and tests the platform runs a manual clock.
import { ref } from 'vue';
import { http } from './http';

const offset = ref(0);
let loaded: Promise<void> | null = null;

export function syncPlatformClock(force = false): Promise<void> {
  if (!loaded || force) {
    loaded = http
      .get<{ now: string }>('/api/clock')
      .then((r) => void (offset.value = new Date(r.now).getTime() - Date.now()))
      .catch(() => void (loaded = null));
  }
  return loaded;
}

/** Milliseconds since the epoch on the platform's clock (reactive through `offset`). */
export const platformNow = (): number => Date.now() + offset.value;
