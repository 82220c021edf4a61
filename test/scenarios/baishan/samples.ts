// A valid submission for every Baishan form (forms/baishan/<name>.json). Scenario steps start
// from these and override the fields the step is about, so every completion passes the
// server's form validation exactly as a handler's browser submission would.
const DIMENSIONS = { factFinding: '无问题', procedure: '无问题', enforcementActs: '无问题', lawApplication: '无问题', documents: '无问题', fileBinding: '无问题' };
const STANDARDS = { lawfulProcedure: '符合', fairRuling: '符合', completeMaterials: '符合', rigorousDocuments: '符合', tidyFile: '符合', standardBinding: '符合' };

export const SAMPLES: Record<string, Record<string, unknown>> = {
  reviewMatter: { findings: '执行法院未依法采取查封措施。', conclusion: '确需实行监督，制作督办函' },
  replyApproval: { decision: '批准径行答复' },
  supervisionLetter: { issues: '超过规定期限未执结。', requirements: '依法及时执行并上报材料。', reportMode: '在指定期限内上报材料', reportDate: '2026-10-20' },
  letterApproval: { decision: '同意发出' },
  letterDispatch: { dispatched: true },
  materialsReport: { handlerName: '浑江法院专人', content: '已查封被执行人房产。', measuresTaken: '查封。' },
  briefingRecord: { reporterName: '浑江法院执行局副局长', briefingDate: '2026-10-20', content: '汇报执行进展。' },
  handlingReview: { assessment: '执行法院已依法处理。', decision: '监督办结' },
  enforcementOrder: { ground: '执行案件在规定的期限内未能执结', content: '督促依法执行。', requiredMeasures: '查封、拍卖。', compliancePeriod: 10 },
  orderCompliance: { content: '已执行完毕。', documentsMade: '执行裁定书。' },
  enforcementMeasure: { measure: '共同制定执行方案', reason: '案件重大疑难。', plan: '中院与执行法院共同查控。', reportDate: '2026-11-30' },
  measureReport: { content: '已按方案执行。' },
  criticism: {
    ground: '未按督促执行令限期执行（违反第七条）', reason: '逾期未执行督促执行令。', bureauChief: '浑江法院执行局长',
    responsiblePersons: [{ name: '浑江法院承办人' }], content: '予以通报批评。', discipline: false,
  },
  disciplineTransfer: { facts: '消极执行，构成违纪。', recipient: '本院纪检监察部门' },
  extensionDecision: { decision: '批准延长', extendedUntil: '2026-12-31', reason: '案情复杂。' },
  caseInspection: { ...DIMENSIONS, ...STANDARDS, problems: '', requestExplanation: false },
  caseExplanation: { explanation: '已按规定办理，卷宗补装。' },
  caseGrading: { grade: '良好', gradeReason: '程序合法，文书基本严谨。', rectification: false, discipline: false },
  rectificationReport: { measures: '已重新装订卷宗。' },
  periodicNotice: { noticeKind: '执行监督情况通报（第二十条）', statistics: '本季度监督案件12件。', content: '通报全市法院执行监督情况。' },
  noticeApproval: { decision: '同意发布' },
};

/** The sample for a form key (`baishan/<name>` or `<name>`), with the step's own fields over it. */
export function sample(formKey: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const name = formKey.replace(/^baishan\//, '');
  const base = SAMPLES[name];
  if (!base) throw new Error(`no sample for form ${formKey}`);
  return { ...structuredClone(base), ...over };
}
