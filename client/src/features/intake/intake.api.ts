// 立案 as the API presents it (server/intake): what the user may open, and opening it.
import type { CaseDetail } from '../../api/cases';
import { http } from '../../api/http';

export type CourtLevel = '最高' | '高院' | '中院' | '基层' | '专门';

export interface CourtChoice {
  code: string;
  name: string;
  level: CourtLevel;
}

export interface StartOption {
  process: string;
  processTitle: string;
  title: string;
  packageId: string | null;
  form: { key: string; revision: number; schema: { components?: unknown[]; [k: string]: unknown } } | null;
  supervisedCourts: CourtChoice[];
  ownCourt: boolean;
  requiredData: string[];
}

export const startOptions = () => http.get<{ options: StartOption[] }>('/api/intake/options').then((r) => r.options);

export const startCase = (body: { process: string; supervisedCourt?: string; data: Record<string, unknown> }) =>
  http.post<CaseDetail>('/api/cases', body);
