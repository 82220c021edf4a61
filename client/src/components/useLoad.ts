// A page's load: `loading` while it runs (true from the start, so nothing is drawn before it),
// the error it threw for ErrorAlert, and `load` to run it again (retry, a new route param).
import { ref } from 'vue';

export function useLoad(run: () => Promise<void>) {
  const loading = ref(true);
  const error = ref<unknown>(null);
  async function load() {
    loading.value = true;
    error.value = null;
    try {
      await run();
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, load };
}
