// A court of the people's court system. `ancestors` is derived from `parent` (root first) and
// stored so that jurisdiction checks and "cases under my court" queries need no tree walk.
export const COURT_LEVELS = ['最高', '高院', '中院', '基层', '专门'] as const;
export type CourtLevel = (typeof COURT_LEVELS)[number];

export interface Court {
  /** Stable ASCII id, e.g. `hi-gy` (海南高院), `hi-hk-zy` (海口中院). */
  code: string;
  name: string;
  level: CourtLevel;
  /** What kind of 专门法院 (海事法院, 铁路运输中级法院...); empty for ordinary courts. */
  kind?: string;
  parent: string | null;
  /** Province name (海南省); null only for 最高人民法院. */
  province: string | null;
  ancestors: string[];
}

/** What jurisdiction rules need to know about a court. */
export type CourtNode = Pick<Court, 'code' | 'level' | 'province' | 'ancestors'>;

/** A court as written by an administrator or a seed: without derived fields. */
export type CourtInput = Omit<Court, 'ancestors'>;

export const COURT_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;
