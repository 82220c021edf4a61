// GET /api/deadline (the calculator), GET/PUT /api/calendar/:year (the holiday notice).
import { Router } from 'express';
import { badRequest, unprocessable } from '../http/errors';
import type { Guards } from '../http/actor';
import { CalendarInputError, type CalendarService } from './calendar.service';
import { addPeriodIso, computeFromNotation } from './compute';
import { describeYear } from './holidays';
import { DeadlineSyntaxError } from './notation';
import { DeadlineComputeError } from './period';

export function calendarRoutes(
  service: CalendarService,
  guards: Guards,
  hooks: { now: () => Date; afterYearChanged: (year: number, actor: string) => Promise<unknown> },
): Router {
  const r = Router();

  // ?from=ISO&period=P5D|P5WD|P1M|PT24H, or ?notation=五日内 for the modeler's preview.
  r.get('/deadline', guards.requireUser, async (req, res) => {
    const from = typeof req.query.from === 'string' ? req.query.from : hooks.now().toISOString();
    const calendar = await service.current();
    try {
      if (typeof req.query.notation === 'string') {
        const d = computeFromNotation(req.query.notation, new Date(from), calendar);
        res.json({ due: d.due.toISOString(), lastDay: d.lastDay, provisional: d.provisional, provisionalYears: d.provisionalYears, rule: d.rule });
        return;
      }
      if (typeof req.query.period !== 'string') throw badRequest('请提供 period（如 P5D）或 notation（如 五日内）');
      res.json(addPeriodIso(from, req.query.period, calendar));
    } catch (err) {
      if (err instanceof DeadlineSyntaxError || err instanceof DeadlineComputeError) throw badRequest(err.message);
      // Dates beyond what the calendar can represent (year 9999, periods of 10^11 days).
      if (err instanceof RangeError) throw badRequest('期限超出可计算的日期范围');
      throw err;
    }
  });

  r.get('/calendar/:year', guards.requireUser, async (req, res) => {
    const year = Number(req.params.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('年份无效');
    const [doc, calendar] = await Promise.all([service.getYear(year), service.current()]);
    res.json({ ...describeYear(calendar, year), entries: doc?.entries ?? [], source: doc?.source ?? null });
  });

  // One calendar for every province: only administrators of a 高院 or of 最高 change it.
  r.put('/calendar/:year', guards.requireUser, guards.requireRole('流程管理员', '系统管理员'),
    guards.requireCourtLevel(['最高', '高院'], '修改全国节假日安排'), async (req, res) => {
    const actor = guards.actor(req).username;
    let doc;
    try {
      doc = await service.putYear(Number(req.params.year), req.body, actor, hooks.now());
    } catch (err) {
      if (err instanceof CalendarInputError) throw unprocessable(err.message, err.details);
      throw err;
    }
    const recomputed = await hooks.afterYearChanged(doc._id, actor);
    res.json({ year: doc._id, published: doc.published, entries: doc.entries, recomputed });
  });
  return r;
}
