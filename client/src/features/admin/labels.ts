// Chinese names of the package statuses the API sends in English.
export const STATUS_LABEL: Record<string, string> = {
  draft: '草稿',
  publishing: '发布中',
  published: '现行',
  replaced: '已替代',
  superseded: '已取代',
};
export const STATUS_TYPE: Record<string, 'info' | 'warning' | 'success' | 'danger' | 'primary'> = {
  draft: 'warning',
  publishing: 'info',
  published: 'success',
  replaced: 'info',
  superseded: 'info',
};
export const MIGRATION_STATUS: Record<string, string> = {
  'would-migrate': '可迁移',
  migrated: '已迁移',
  refused: '无法迁移',
  conflict: '冲突',
};
/** How a package version came about (server/packages/package.model.ts `source`). */
export const SOURCE_LABEL: Record<string, string> = {
  import: '导入 zip',
  shipped: '随平台提供',
  parameter: '期限一览修改',
  workspace: '草稿发布',
  rollback: '回退',
};
