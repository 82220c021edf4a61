// ISO 8601 durations for POST /api/clock {advance}. Years and months move the calendar date
// (2026-01-31 + P1M = 2026-02-28), days and smaller units are exact.
const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function addIsoDuration(from: Date, duration: string): Date {
  const m = ISO.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) {
    throw new RangeError(`无效的时长“${duration}”，应为 ISO 8601 格式，例如 P5D、PT2H、P1M`);
  }
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const out = new Date(from.getTime());
  if (y || mo) {
    // Month arithmetic in Beijing wall time, clamped to the month's last day (民法典 第二百零二条).
    const bj = new Date(out.getTime() + 8 * 3600_000);
    const day = bj.getUTCDate();
    bj.setUTCDate(1);
    bj.setUTCMonth(bj.getUTCMonth() + mo + 12 * y);
    const last = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth() + 1, 0)).getUTCDate();
    bj.setUTCDate(Math.min(day, last));
    out.setTime(bj.getTime() - 8 * 3600_000);
  }
  out.setTime(out.getTime() + ((((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000);
  return out;
}
