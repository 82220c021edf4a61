import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATORS, rank } from '../../../server/ledger/ranking';

describe('法院排名 (ranking.ts)', () => {
  it('weights the figures, ranks the highest first, equal scores share a rank', () => {
    const rows = rank(DEFAULT_INDICATORS, [
      { court: 'b', courtName: '乙', figures: { 通报批评: 1, closed: 10 } },
      { court: 'a', courtName: '甲', figures: { closed: 5, 表扬: 1 } },
      { court: 'c', courtName: '丙', figures: { overdue: 1, closed: 5, 表扬: 2 } },
      { court: 'd', courtName: '丁', figures: {} },
    ]);
    expect(rows.map((r) => [r.court, r.score, r.rank])).toEqual([['a', 10, 1], ['c', 10, 1], ['b', 0, 3], ['d', 0, 3]]);
    expect(rows[0].values).toEqual({ criticisms: 0, overdue: 0, closed: 5, praise: 1 });
  });
});
