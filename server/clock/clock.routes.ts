import { Router } from 'express';
import { badRequest, conflict } from '../http/errors';
import type { Guards } from '../http/actor';
import type { Clock } from './clock';

/**
 * GET /api/clock: the platform's time. POST /api/clock {set?: ISO, advance?: ISO duration}:
 * only with DUBAN_CLOCK=manual; answers after every timer that became due has fired.
 */
/**
 * `firedSoFar`: the timers this process has fired since it started. The answer counts every pass
 * from the clock's move to the end of our own: the background poll may take the due timers in a
 * pass that begins between the move and ours, and they were still fired by this move.
 */
export function clockRoutes(clock: Clock, fireDue: () => Promise<number>, guards: Guards, firedSoFar?: () => number): Router {
  const r = Router();
  r.get('/clock', guards.requireUser, (_req, res) => {
    res.json({ now: clock.now().toISOString(), mode: clock.mode });
  });
  // The manual clock moves time for every province: a 高院's or 最高's 系统管理员 only.
  r.post('/clock', guards.requireUser, guards.requireRole('系统管理员'), guards.requireCourtLevel(['最高', '高院'], '设置平台时钟'), async (req, res) => {
    if (clock.mode !== 'manual') throw conflict('平台使用系统时钟；仅在 DUBAN_CLOCK=manual 时可以设置时间');
    const { set, advance } = req.body ?? {};
    if ((set === undefined) === (advance === undefined)) {
      throw badRequest('请提供 set（ISO 时间）或 advance（ISO 时长）之一');
    }
    const before = firedSoFar?.() ?? 0;
    try {
      if (set !== undefined) {
        const to = new Date(String(set));
        if (typeof set !== 'string' || Number.isNaN(to.getTime())) throw new RangeError(`无效的时间“${set}”`);
        await clock.set(to);
      } else {
        if (typeof advance !== 'string') throw new RangeError('advance 必须是 ISO 8601 时长，例如 P5D');
        await clock.advance(advance);
      }
    } catch (err) {
      if (err instanceof RangeError) throw badRequest(err.message);
      throw err;
    }
    const own = await fireDue();
    const fired = firedSoFar ? firedSoFar() - before : own;
    res.json({ now: clock.now().toISOString(), mode: clock.mode, fired });
  });
  return r;
}
