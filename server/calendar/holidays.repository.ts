// The holiday calendar in MongoDB: one document per year, so that entering a year's State
// Council notice replaces the whole year in one atomic write (never half a year).
// (DESIGN.md lists one row per date; a document per year keeps the same fields per entry.)
import type { Connection } from 'mongoose';
import type { HolidayEntry, HolidayRow } from './holidays';

export interface HolidayYearDoc {
  _id: number; // the year
  published: boolean;
  source: string;
  entries: HolidayEntry[];
  updatedAt: Date;
  updatedBy: string;
}

export class HolidaysRepository {
  private readonly years;
  private readonly settings;
  constructor(connection: Connection) {
    this.years = connection.collection<HolidayYearDoc>('holidays');
    this.settings = connection.collection<{ _id: string; version: number }>('settings');
  }

  async allRows(): Promise<HolidayRow[]> {
    const docs = await this.years.find({}).toArray();
    return docs.flatMap((d) =>
      d.entries.map((e) => ({ ...e, year: d._id, published: d.published, source: d.source })),
    );
  }

  getYear(year: number): Promise<HolidayYearDoc | null> {
    return this.years.findOne({ _id: year });
  }

  /** Inserts the years that are missing (first start); never overwrites an edited year. */
  async seedMissing(docs: HolidayYearDoc[]): Promise<number> {
    let n = 0;
    for (const d of docs) {
      const r = await this.years.updateOne({ _id: d._id }, { $setOnInsert: d }, { upsert: true });
      n += r.upsertedCount;
    }
    if (n) await this.bumpVersion();
    return n;
  }

  async putYear(doc: HolidayYearDoc): Promise<number> {
    await this.years.replaceOne({ _id: doc._id }, doc, { upsert: true });
    return this.bumpVersion();
  }

  /** The calendar's version: any process sees a change at its next command. */
  async version(): Promise<number> {
    return (await this.settings.findOne({ _id: 'calendarVersion' }))?.version ?? 0;
  }

  private async bumpVersion(): Promise<number> {
    const r = await this.settings.findOneAndUpdate(
      { _id: 'calendarVersion' },
      { $inc: { version: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return r!.version;
  }
}
