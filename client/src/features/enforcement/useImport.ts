// The import page's state: upload with progress, then the job polled until it ends (progress of
// the server's read, then its report); recent imports; the province's column mapping.
import { computed, onBeforeUnmount, reactive, ref } from 'vue';
import { enforcementApi, uploadRecords, type ImportJob, type MappingAnswer } from './enforcement.api';

export function useImport() {
  const upload = reactive({ active: false, percent: 0, name: '' });
  const job = ref<ImportJob | null>(null);
  const error = ref<unknown>(null);
  const recent = ref<ImportJob[]>([]);
  const mapping = ref<MappingAnswer | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const serverPercent = computed(() => {
    const j = job.value;
    if (!j) return 0;
    if (j.status !== 'running') return 100;
    const share = j.totalBytes ? j.bytesRead / j.totalBytes : 0;
    // mode all reads the file twice: 校验 is the first half, 写入 the second.
    const half = j.mode === 'all' ? (j.phase === '写入' ? 50 + share * 50 : share * 50) : share * 100;
    return Math.min(99, Math.round(half));
  });

  async function poll(id: string) {
    if (stopped) return;
    try {
      job.value = await enforcementApi.job(id);
      if (job.value.status === 'running') timer = setTimeout(() => poll(id), 500);
      else void loadRecent();
    } catch (err) {
      error.value = err;
    }
  }

  async function start(file: File, mode: 'valid' | 'all') {
    error.value = null;
    job.value = null;
    Object.assign(upload, { active: true, percent: 0, name: file.name });
    try {
      const j = await uploadRecords(file, mode, (f) => (upload.percent = Math.round(f * 100)));
      upload.percent = 100;
      job.value = j;
      await poll(j.id);
    } catch (err) {
      error.value = err;
    } finally {
      upload.active = false;
    }
  }

  async function loadRecent() {
    recent.value = (await enforcementApi.jobs().catch(() => ({ items: [] }))).items;
  }
  async function loadMapping() {
    mapping.value = await enforcementApi.mapping().catch(() => null);
  }

  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { upload, job, error, recent, mapping, serverPercent, start, loadRecent, loadMapping };
}
