// Which court a package belongs to: the court that issued it (security probe F2). A province's
// package is issued by its 高院; a 中院 may issue one for its own jurisdiction (issue 21). The
// owner is recorded once, in `packageOwners` {_id: packageId, court}, when the package is first
// imported, installed, deployed to or given a form, and never changes afterwards; packages
// stored before this record existed belong to the 高院 of their manifest's province. Every
// administrative route on a package, its forms, its definitions and its cases checks the actor
// against this court (server/auth/scope.ts).
import type { Connection } from 'mongoose';
import type { Owned } from '../http/actor';
import type { PackagesRepository } from './packages.repository';

interface OwnerDoc {
  _id: string;
  court: string;
  at: Date;
  by: string;
}

export class PackageOwners {
  private readonly coll;
  constructor(
    connection: Connection,
    private readonly repo: PackagesRepository,
    private readonly provinceIssuer: (province: string) => Promise<string | undefined>,
  ) {
    this.coll = connection.collection<OwnerDoc>('packageOwners');
  }

  async ownerOf(packageId: string): Promise<string | undefined> {
    const doc = await this.coll.findOne({ _id: packageId });
    if (doc) return doc.court;
    const province = await this.repo.provinceOf(packageId);
    return province ? this.provinceIssuer(province) : undefined;
  }

  /** Records `court` as the owner unless one is recorded already; answers the owner. */
  async claim(packageId: string, court: string, by: string): Promise<string> {
    // Only a recorded owner stands: the import claims right after inserting its first version,
    // when ownerOf's fallback (the province's 高院) would already answer and overrule a 中院 issuer.
    const recorded = await this.coll.findOne({ _id: packageId });
    if (recorded) return recorded.court;
    await this.coll.updateOne({ _id: packageId }, { $setOnInsert: { court, at: new Date(), by } }, { upsert: true });
    return (await this.coll.findOne({ _id: packageId }))!.court; // a concurrent claim may have won
  }

  /** The package as an object of administration; unknown → null (the route answers 404). */
  async owned(packageId: string): Promise<Owned | null> {
    const court = await this.ownerOf(packageId);
    return court ? { court, label: `程序包「${packageId}」` } : null;
  }

  /** Writing under a package id nobody owns yet (a new diagram, a new form) makes it the actor's court's. */
  async ownedOrClaimed(packageId: string, actor: { court: string; username: string }, label = `程序包「${packageId}」`): Promise<Owned> {
    const court = (await this.ownerOf(packageId)) ?? (await this.claim(packageId, actor.court, actor.username));
    return { court, label };
  }
}
