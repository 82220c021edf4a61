// Mongoose, the way the application uses it: schema indexes built by Model.init(), duplicate
// errors, queries, and the optimistic `version` guard of a case update (DESIGN decision 2).
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError, openTarget, type Target } from './helpers/harness';

let target: Target;
let conn: mongoose.Connection;

const userSchema = new mongoose.Schema({
  username: { type: String, required: true, unique: true },
  court: String,
  roles: [String],
});
const caseSchema = new mongoose.Schema({
  caseNo: { type: String, unique: true },
  status: { type: String, index: true },
  version: { type: Number, default: 0 },
  history: [{ seq: Number, type: { type: String }, at: Date }],
});

beforeAll(async () => {
  target = await openTarget('mongoose');
  conn = await mongoose.createConnection(target.uri, { dbName: target.dbName, serverSelectionTimeoutMS: 5_000 }).asPromise();
});
afterAll(async () => {
  await conn?.close();
  await target?.close();
});

describe('mongoose', () => {
  it('builds schema indexes with Model.init() and refuses duplicates', async () => {
    const User = conn.model('User', userSchema);
    await User.init();
    const names = (await User.collection.listIndexes().toArray()).map((i) => i.name);
    expect(names).toContain('username_1');
    await User.create({ username: 'admin', court: 'hn', roles: ['流程管理员'] });
    const err = await User.create({ username: 'admin' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as InstanceType<typeof MongoServerError>).code).toBe(11000);
    expect((err as InstanceType<typeof MongoServerError>).keyValue).toEqual({ username: 'admin' });
  });

  it('queries with lean, select, sort and countDocuments', async () => {
    const User = conn.model('User', userSchema);
    await User.insertMany([{ username: 'b', court: 'hk' }, { username: 'c', court: 'hk' }]);
    const found = await User.find({ court: 'hk' }).select('username -_id').sort({ username: -1 }).lean();
    expect(found).toEqual([{ username: 'c' }, { username: 'b' }]);
    expect(await User.countDocuments({ court: 'hk' })).toBe(2);
    const admin = await User.findOne({ username: 'admin' });
    expect(admin?.roles).toEqual(['流程管理员']);
  });

  it('updates a case only when its version matches, appending history in the same update', async () => {
    const Case = conn.model('Case', caseSchema);
    await Case.init();
    const created = await Case.create({ caseNo: '(2026)琼执督1号', status: 'open' });
    const guarded = (version: number, type: string) =>
      Case.findOneAndUpdate(
        { _id: created._id, version },
        { $inc: { version: 1 }, $set: { status: type }, $push: { history: { seq: version + 1, type, at: new Date() } } },
        { returnDocument: 'after' },
      ).lean();
    const first = await guarded(0, 'reviewing');
    expect(first?.version).toBe(1);
    expect(first?.history).toHaveLength(1);
    const stale = await guarded(0, 'conflict');
    expect(stale).toBeNull();
    const reloaded = await Case.findById(created._id).lean();
    expect(reloaded).toMatchObject({ version: 1, status: 'reviewing' });
    expect(reloaded?.history.map((h) => h.type)).toEqual(['reviewing']);
  });

  it('document.save() increments __v on array changes and deleteOne removes', async () => {
    const Case = conn.model('Case', caseSchema);
    const doc = await Case.create({ caseNo: 'save-test' });
    doc.history.push({ seq: 1, type: 'x', at: new Date() });
    await doc.save();
    const again = await Case.findById(doc._id);
    expect(again?.history).toHaveLength(1);
    await Case.deleteOne({ _id: doc._id });
    expect(await Case.exists({ _id: doc._id })).toBeNull();
  });
});
