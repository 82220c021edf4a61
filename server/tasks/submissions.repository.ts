// `submissions` {caseId, taskId, form {key, revision}, data, by, at}: the cleaned data of each
// completed task, for reading and reporting. It is derivable from the case itself (the same
// data is `case.variables[taskElementId]`, the completion is in `case.history`), so it is
// written AFTER the guarded case update and a lost write can be rebuilt; keyed by taskId, so
// a retried write never duplicates.
import mongoose, { Schema, type Connection } from 'mongoose';

const submissionSchema = new Schema(
  {
    caseId: { type: Schema.Types.ObjectId, required: true },
    taskId: { type: String, required: true },
    element: { type: String },
    form: { key: { type: String, required: true }, revision: { type: Number, required: true } },
    data: { type: Schema.Types.Mixed, default: {} },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'submissions', versionKey: false, minimize: false },
);
submissionSchema.index({ taskId: 1 }, { unique: true });
submissionSchema.index({ caseId: 1, at: 1 });

export interface Submission {
  caseId: mongoose.Types.ObjectId;
  taskId: string;
  element?: string;
  form: { key: string; revision: number };
  data: Record<string, unknown>;
  by: string;
  at: Date;
}

export class SubmissionsRepository {
  private readonly model;
  constructor(connection: Connection) {
    this.model = connection.models.Submission ?? connection.model('Submission', submissionSchema);
  }

  /** Idempotent: the first write for a task wins; a retry changes nothing. */
  async record(s: Submission): Promise<void> {
    await this.model.updateOne({ taskId: s.taskId }, { $setOnInsert: s }, { upsert: true }).exec();
  }

  ofCase(caseId: mongoose.Types.ObjectId): Promise<Submission[]> {
    return this.model.find({ caseId }, { _id: 0 }).sort({ at: 1 }).lean<Submission[]>().exec();
  }

  byTask(taskId: string): Promise<Submission | null> {
    return this.model.findOne({ taskId }, { _id: 0 }).lean<Submission>().exec();
  }
}
