// 督办案号: （2026）琼执督1号 — one series per province and year, as courts number their cases
// (《最高人民法院关于人民法院案件案号的若干规定》: 年度 + 省份简称 + 类型代字 + 序号; 执督 is the
// type code of 执行督促 cases). Cases the 最高人民法院 supervises use 最高法.
export const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  北京市: '京', 天津市: '津', 河北省: '冀', 山西省: '晋', 内蒙古自治区: '内', 辽宁省: '辽', 吉林省: '吉',
  黑龙江省: '黑', 上海市: '沪', 江苏省: '苏', 浙江省: '浙', 安徽省: '皖', 福建省: '闽', 江西省: '赣',
  山东省: '鲁', 河南省: '豫', 湖北省: '鄂', 湖南省: '湘', 广东省: '粤', 广西壮族自治区: '桂', 海南省: '琼',
  重庆市: '渝', 四川省: '川', 贵州省: '黔', 云南省: '云', 西藏自治区: '藏', 陕西省: '陕', 甘肃省: '甘',
  青海省: '青', 宁夏回族自治区: '宁', 新疆维吾尔自治区: '新', 新疆生产建设兵团: '兵',
};

/** 琼 for 海南省; 最高法 for the 最高人民法院 (no province); a province outside the list: its name without 省/市/自治区. */
export function courtAbbreviation(province: string | null | undefined): string {
  if (!province) return '最高法';
  return PROVINCE_ABBREVIATIONS[province] ?? province.replace(/(省|市|维吾尔自治区|壮族自治区|回族自治区|自治区)$/, '');
}

/** The year of an instant in Beijing time (a case opened on 12-31 at 23:30 Beijing is that year's). */
export const beijingYear = (at: Date) => new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();

/** The counter's id: one series per abbreviation and year. */
export const caseNoSeries = (abbreviation: string, year: number) => `caseNo:${abbreviation}:${year}`;

export const formatCaseNo = (abbreviation: string, year: number, n: number) => `（${year}）${abbreviation}执督${n}号`;
