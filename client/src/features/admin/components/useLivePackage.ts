// The live package a page is about (条文期限, 期限一览): the published packages to pick from, the one
// named in the route (the first one when none is), its detail reloaded whenever the pick changes.
import { computed, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { packagesApi, type PackageDetail, type PackageSummary } from '../api/packages.api';

export function useLivePackage(routeName: string) {
  const route = useRoute();
  const router = useRouter();
  const packages = ref<PackageSummary[]>([]);
  const pkg = ref<PackageDetail | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const selected = computed({
    get: () => (typeof route.params.id === 'string' && route.params.id) || '',
    set: (id: string) => void router.replace({ name: routeName, params: { id } }),
  });

  async function load() {
    if (!selected.value) return;
    loading.value = true;
    error.value = null;
    try {
      pkg.value = await packagesApi.get(selected.value);
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  onMounted(async () => {
    try {
      packages.value = (await packagesApi.list()).filter((p) => p.live);
      if (!selected.value && packages.value.length) selected.value = packages.value[0].id;
    } catch (e) {
      error.value = e;
    }
    await load();
  });
  watch(selected, load);

  return { packages, pkg, loading, error, selected, load };
}
