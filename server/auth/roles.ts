// The platform's roles (DESIGN.md "Users"). Role names are the court's own terms and are
// stored as-is; assignment rules in BPMN diagrams refer to them (`role: "承办人"`).
export const ROLES = ['系统管理员', '流程管理员', '承办人', '审查人员', '审批人', '院领导', '督察'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  系统管理员: '管理本院及辖区法院的用户和法院信息',
  流程管理员: '编辑、发布流程图和表单，维护节假日和省份流程包',
  承办人: '办理待办任务，填写表单，上传材料',
  审查人员: '审查信访材料和督办案件',
  审批人: '审批督办函、督促执行令等需领导审批的事项',
  院领导: '审批并查看辖区督办情况',
  督察: '只读查看辖区内全部督办案件',
};

/** Roles that may list the users of their jurisdiction (to pick assignees, to oversee). */
export const USER_READER_ROLES: Role[] = ['系统管理员', '流程管理员', '院领导', '督察'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Roles a 系统管理员 may grant (and may manage users holding), by their court's level. 流程管理员
 * changes what every court under a package runs, so only a 高院's or 最高's 系统管理员 grants it
 * (security probe F2/AZ-14: a 中院 IT administrator had minted one); every other role is daily
 * user administration of the court's own jurisdiction.
 */
export function grantableRoles(level: string | undefined): Role[] {
  if (level === '最高' || level === '高院') return [...ROLES];
  return ROLES.filter((r) => r !== '流程管理员');
}
