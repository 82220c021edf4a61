// A 流程管理员 changes one deadline of a live package: the notation is checked, written into its
// BPMN element, and the result becomes a new package version whose diagram is deployed as a new
// definition version. Running cases stay where they are; the answer is the migration dry run.
import { DeadlineSyntaxError, labelsToNames, parseDeadline } from '../calendar';
import { validateDefinition } from '../engine';
import type { Actor } from '../http/actor';
import { badRequest, conflict, notFound, unprocessable } from '../http/errors';
import { locate } from './checkParameters';
import { parameterKindProblem, type ParameterKind } from './parameterKind';
import type { PackagesDeps } from './deps';
import { readDiagram, setDeadline, type DeadlineSlot } from './diagram';
import type { Manifest } from './manifest.schema';
import { contentHash, contentOf, diagramsWithElements, fromStoredFiles, toStoredFiles } from './packageContent';

/** The check the engine makes at deploy, with a clear message first. */
function assertNotation(slot: DeadlineSlot, value: string, kind: ParameterKind | undefined): void {
  const wrongKind = parameterKindProblem(slot === 'timeCycle' ? 'cycle' : kind, value);
  if (wrongKind) throw badRequest(`期限写法有误：${wrongKind}`, [{ field: 'value', message: wrongKind }]);
  if (slot === 'timeCycle') return;
  const notation = slot === 'timeDate' && !/^日期/.test(value) ? `日期 ${value}` : value;
  try {
    parseDeadline(notation.replace(/\{([^{}]+)\}/g, '1日')); // a form-set period: checked at run time
  } catch (err) {
    if (err instanceof DeadlineSyntaxError) throw badRequest(`期限写法有误：${err.message}`, [{ field: 'value', message: err.message }]);
    throw err;
  }
}

export async function changeParameter(deps: PackagesDeps, packageId: string, paramId: string, rawValue: unknown, actor: Actor) {
  if (typeof rawValue !== 'string' || !rawValue.trim()) throw badRequest('缺少期限', [{ field: 'value', message: '必填，如 20日 自 letterReceivedAt' }]);
  const { repo, clock } = deps;
  const live = await repo.findLive(packageId);
  if (!live) {
    throw (await repo.findLatest(packageId)) ? conflict(`程序包「${packageId}」尚未发布，请先发布再修改期限`) : notFound(`程序包「${packageId}」不存在`);
  }
  const content = contentOf(live);
  // Typed with the dictionary's Chinese labels (5日 自 收到信访材料之日): stored by variable name.
  const value = labelsToNames(rawValue.trim(), content.manifest.dictionary ?? []);
  const param = content.manifest.parameters.find((p) => p.id === paramId);
  if (!param) throw notFound(`程序包「${packageId}」没有参数「${paramId}」`);
  if (param.value === value) return { unchanged: true, parameter: { ...param } };

  const [found] = locate(await diagramsWithElements(content), param.element, param.process);
  const slot = found?.element.deadline?.slot;
  if (!found || !slot) throw conflict(`参数「${param.label}」的元素 ${param.element} 在流程图中没有期限`);
  assertNotation(slot, value, param.kind);
  const path = found.diagram.path;
  const xml = await setDeadline(found.diagram.xml, param.element, slot, value);
  const problems = await validateDefinition(xml, { knownForms: content.manifest.forms });
  if (problems.length) throw unprocessable(`新期限使流程图有 ${problems.length} 处问题，未修改`, problems.map((p) => ({ ...p, file: path })));
  const written = (await readDiagram(xml)).find((e) => e.id === param.element && e.process === found.element.process);
  if (written?.deadline?.value !== value) throw new Error(`期限未能写入元素 ${param.element}`);

  const manifest: Manifest = { ...content.manifest, parameters: content.manifest.parameters.map((p) => (p.id === paramId ? { ...p, value } : p)) };
  const files = fromStoredFiles(live);
  files.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  files.set(path, Buffer.from(xml));
  const version = await repo.nextVersionNumber(packageId);
  const now = clock.now();
  // Claimed before deploying: a concurrent change loses on the unique index and deploys nothing.
  await repo.insertVersion({
    packageId, version, status: 'publishing', publishingAt: now, edition: live.edition, province: live.province, title: live.title,
    hash: contentHash(files), manifest, files: toStoredFiles(files), source: 'parameter', createdAt: now, createdBy: actor.username,
    change: { parameter: paramId, from: param.value, to: value, fromVersion: live.version },
  }).catch((err) => {
    if ((err as { code?: number }).code === 11000) throw conflict('程序包正被他人修改，请刷新后重试');
    throw err;
  });
  const key = found.diagram.key;
  let toVersion: number;
  try {
    toVersion = (await deps.definitions.deploy(packageId, xml, actor)).version;
    const deployed = (live.deployed ?? []).map((d) => (d.key === key ? { key, version: toVersion } : { key: d.key, version: d.version }));
    await repo.markPublished(packageId, version, { publishedAt: clock.now(), publishedBy: actor.username, deployed, formRevisions: live.formRevisions ?? [] });
  } catch (err) {
    await repo.removeUnpublished(packageId, version);
    throw err;
  }
  const fromVersion = live.deployed?.find((d) => d.key === key)?.version;
  const migration = await dryRun(deps, packageId, key, toVersion, actor.username);
  deps.logger.info({ packageId, version, parameter: paramId, from: param.value, to: value, by: actor.username }, 'package parameter changed');
  return {
    unchanged: false,
    version,
    parameter: { ...param, value, previous: param.value },
    definition: { key, fromVersion: fromVersion ?? null, toVersion },
    migration,
  };
}

/**
 * The dry run from every earlier version of the process: cases may still run on a version
 * from before an earlier change that was never migrated. Each case says its fromVersion.
 */
export async function dryRun(deps: PackagesDeps, packageId: string, key: string, toVersion: number, actor: string) {
  const fromVersions = (await deps.definitions.list(packageId)).filter((d) => d.key === key && d.version < toVersion).map((d) => d.version);
  const cases: object[] = [];
  const counts: Record<string, number> = {};
  for (const fromVersion of fromVersions) {
    const r = await deps.migrate(key, { fromVersion, toVersion, dryRun: true }, actor);
    cases.push(...r.cases.map((c) => ({ ...c, fromVersion })));
    for (const [k, n] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + n;
  }
  return { key, toVersion, dryRun: true, fromVersions, cases, counts };
}
