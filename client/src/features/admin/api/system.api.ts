// /api/courts, /api/users, /api/calendar/:year (server/http/openapi.ts).
import { http, query } from '../../../api/http';

export const COURT_LEVELS = ['最高', '高院', '中院', '基层', '专门'] as const;

export interface Court {
  code: string;
  name: string;
  level: (typeof COURT_LEVELS)[number];
  kind: string | null;
  parent: string | null;
  province: string | null;
  ancestors: string[];
}
export type CourtInput = Omit<Court, 'ancestors'>;

export interface User {
  username: string;
  name: string;
  court: string;
  roles: string[];
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
}

export interface HolidayEntry {
  date: string;
  kind: 'rest' | 'work';
  name?: string;
}

export interface CalendarYear {
  year: number;
  published: boolean;
  version: string;
  weekdayHolidays: string[];
  makeUpWorkdays: string[];
  entries: HolidayEntry[];
  source: string | null;
}

export interface RecomputeSummary {
  examined: number;
  changed: { caseId: string; caseNo: string; changes: { from?: string; to?: string; element?: string; [k: string]: unknown }[] }[];
  failed: { caseId: string; caseNo: string; reason: string }[];
}

const enc = encodeURIComponent;

export const courtsApi = {
  list: () => http.get<{ courts: Court[] }>('/api/courts').then((r) => r.courts),
  create: (c: CourtInput) => http.post<{ court: Court }>('/api/courts', c).then((r) => r.court),
  update: (code: string, c: Partial<CourtInput>) => http.put<{ court: Court }>(`/api/courts/${enc(code)}`, c).then((r) => r.court),
};

export const usersApi = {
  list: (court?: string) => http.get<{ users: User[] }>(`/api/users${query({ court })}`).then((r) => r.users),
  create: (u: { username: string; name: string; court: string; roles: string[]; password: string }) =>
    http.post<{ user: User }>('/api/users', u).then((r) => r.user),
  update: (username: string, u: Partial<{ name: string; court: string; roles: string[]; disabled: boolean; password: string }>) =>
    http.put<{ user: User }>(`/api/users/${enc(username)}`, u).then((r) => r.user),
};

export const calendarApi = {
  get: (year: number) => http.get<CalendarYear>(`/api/calendar/${year}`),
  put: (year: number, body: { published: boolean; entries: HolidayEntry[] }) =>
    http.put<{ year: number; published: boolean; entries: HolidayEntry[]; recomputed: RecomputeSummary }>(`/api/calendar/${year}`, body),
};

/** One row of the users workbook as the dry run reports it (server/auth/users.import.ts). */
export interface UserImportRow {
  row: number;
  username: string;
  name: string;
  court: string;
  courtCode: string | null;
  courtName: string | null;
  roles: string[];
  passwordGiven: boolean;
  problems: { field: string; message: string }[];
}
export interface UserImportReport { total: number; valid: number; invalid: number; rows: UserImportRow[] }
export interface ImportedUser { row: number; username: string; name: string; court: string; courtName: string; roles: string[]; initialPassword: string }

export const usersImportApi = {
  templateUrl: '/api/users/import/template',
  check: (file: Blob) => http.post<UserImportReport>('/api/users/import?dryRun=true', file),
  run: (file: Blob) => http.post<{ created: number; users: ImportedUser[] }>('/api/users/import', file),
};
