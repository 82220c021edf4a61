// /api/ledger (server/ledger/README.md).
import { http } from '../../api/http';

export interface LedgerPerson { name: string; court: string; courtName?: string; role?: string }
export interface LedgerEntry {
  id: string;
  kind: string;
  issuer: string;
  issuerName?: string;
  court?: string;
  courtName?: string;
  unit: string;
  persons: LedgerPerson[];
  year: number;
  period?: string;
  at: string;
  caseId?: string;
  caseNo?: string;
  elementName?: string;
  basis?: string;
  reason?: string;
  source: 'process' | 'manual' | 'rule';
  recordedByName: string;
  reversed: boolean;
  reverses?: string;
  rule?: { title: string; consequence: string; count: number; threshold: number; subjectLabel?: string; window: string };
}
export interface CountRow { court?: string; courtName: string; name?: string; role?: string; counts: Record<string, number> }
export interface LedgerSummary { year: number; courts: CountRow[]; persons: CountRow[]; consequences: LedgerEntry[] }
export interface LedgerQuery { year?: number; court?: string; kind?: string; page: number; pageSize: number }

export const KINDS = ['通报批评', '情况通报', '表扬', '约谈', '追责', '移送纪检监察', '评查', '考核', '季度通报', '催办', '督办', '重点督办', '派驻工作组', '严肃处理', '后果', '撤销'];

export function ledgerList(q: LedgerQuery) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
  return http.get<{ items: LedgerEntry[]; total: number }>(`/api/ledger?${params}`);
}
export const ledgerSummary = (year: number) => http.get<LedgerSummary>(`/api/ledger/summary?year=${year}`);
export const reverseEntry = (id: string, reason: string) => http.post<LedgerEntry>(`/api/ledger/${encodeURIComponent(id)}/reversal`, { reason });
export const exportUrl = (year: number) => `/api/ledger/export?year=${year}`;

export interface QuarterlyRow { court: string; courtName: string; cases: number; opened: number; closed: number; overdue: number; criticisms: number; situationNotices: number }
export interface QuarterlyList { year: number; quarter: number; issuerName: string; recipients: string[]; rows: QuarterlyRow[] }
export const quarterlyList = (year: number, quarter: number) => http.get<QuarterlyList>(`/api/ledger/quarterly?year=${year}&quarter=${quarter}`);

export interface RankingIndicator { id: string; title: string; source: string; weight: number }
export interface CourtRanking {
  year: number;
  level: string | null;
  indicators: RankingIndicator[];
  declaredBy: string | null;
  rows: { court: string; courtName: string; values: Record<string, number>; score: number; rank: number }[];
}
const levelParam = (level?: string) => (level ? `&level=${encodeURIComponent(level)}` : '');
export const courtRanking = (year: number, level?: string) => http.get<CourtRanking>(`/api/ledger/ranking?year=${year}${levelParam(level)}`);
export const rankingExportUrl = (year: number, level?: string) => `/api/ledger/ranking/export?year=${year}${levelParam(level)}`;
