// The processes the signed-in user may open, loaded once for the 立案 page.
import { shallowRef } from 'vue';
import { useLoad } from '../../components/useLoad';
import { startOptions, type CourtChoice, type StartOption } from './intake.api';

const LEVEL_GROUPS: { level: CourtChoice['level']; label: string }[] = [
  { level: '高院', label: '高级人民法院' },
  { level: '中院', label: '中级人民法院' },
  { level: '专门', label: '专门人民法院' },
  { level: '基层', label: '基层人民法院' },
];

/** The courts of an option in select groups, by level (empty groups left out). */
export const courtGroups = (courts: CourtChoice[]) =>
  LEVEL_GROUPS.map((g) => ({ ...g, courts: courts.filter((c) => c.level === g.level) })).filter((g) => g.courts.length);

export function useStartOptions() {
  const options = shallowRef<StartOption[]>([]);
  const { loading, error, load } = useLoad(async () => {
    options.value = await startOptions();
  });
  return { options, loading, error, load };
}
