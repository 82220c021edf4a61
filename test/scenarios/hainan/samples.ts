// A valid submission for every Hainan form (forms/hainan/<name>.json). Scenario steps start
// from these and override the fields the step is about, so every completion passes the
// server's form validation exactly as a handler's browser submission would.
export const SAMPLES: Record<string, Record<string, unknown>> = {
  reviewComplaint: {
    source: '本院申诉信访系统录入交办',
    situations: { overdue: true },
    complaintSummary: '申请执行人反映执行法院超过法定期限未执结。',
    reviewFindings: '经审查，符合督办条件。',
    decision: '督办',
    methods: { report: true },
  },
  directTransfer: { transferNo: '琼转〔2026〕1号', requirements: '请依法处理。' },
  transferHandling: { handlerName: '李四', handlingResult: '已依法处理。' },
  transferForResult: { transferNo: '琼转〔2026〕2号', instructionSummary: '院领导批示：督办并反馈。', requirements: '限期报告办理结果。', reportPeriod: 15 },
  assignment: { assignmentNo: '琼交〔2026〕1号', targetCourt: '海口市琼山区人民法院', measures: '督促执行法院采取查封措施。', reportPeriod: 15 },
  supervisionLetter: { letterNo: '琼高法执督〔2026〕1号', issues: '超过法定期限未执结。', requirements: '依法及时执行并书面报告。', reportPeriod: 15 },
  designateHandler: { handlerName: '王五', handlerPhone: '0898-66666666', route: '书面报告' },
  writtenReport: { reportType: '办理结果', content: '已执结，执行款已发放。', measuresTaken: '查封、扣划。' },
  extensionDecision: { decision: '同意', newReportPeriod: 30 },
  hearingRecord: { hearingDate: '2026-10-12', participants: '申请执行人甲、被执行人乙', measuresTaken: '已网络查控。', propertyFindings: '未发现可供执行财产。' },
  hearingReport: { content: '已组织听证，拟终结本次执行程序。' },
  reportReminder: { measure: '催报', reminderText: '请于收到本催报后尽快报告。' },
  reviewReport: { assessment: '报告内容属实。', decision: '报结' },
  fileReview: { fileNo: '（2026）琼01执123号', findings: '卷宗显示未采取执行措施。' },
  supervisionMeasures: { measures: { report: true }, record: '听取执行法院汇报。' },
  designateEnforcement: { rulingNo: '（2026）琼执监1号', rulingDate: '2026-10-20', designatedCourt: 'hi-sy-zy', reason: '执行法院无正当理由未执结。' },
  escalateToUpperCourt: { rulingNo: '（2026）琼执监2号', rulingDate: '2026-10-20', reason: '执行法院无正当理由未执结。' },
  writtenOpinion: { opinion: '应当对被执行人名下房产采取查封措施。', implementPeriod: 10 },
  reconsiderationRequest: { action: '按意见办理' },
  reconsiderationDecision: { panelMembers: '赵一、钱二、孙三', differentPanel: true, decision: '维持', reasoning: '原处理意见正确。' },
  implementationReport: { content: '已按处理意见查封。' },
  closingApproval: { closingGround: '已执结并报告', summary: '已执结。', approverTitle: '执行局长', decision: '同意结案' },
  resultReport: { recipient: '省委政法委', content: '已执结。' },
  resultReportApproval: { decision: '同意' },
  listingProposal: { reasons: { influential: true }, proposal: '建议挂牌督办。' },
  listingApproval: { decision: '同意' },
  fiveFixedOnePackage: {
    handlerName: '王五', supervisingLeader: '执行局长张', measures: '查封、拍卖。', deadline: '2026-10-30',
    responsibility: '年底前执结。', leaderInCharge: '副院长刘',
  },
  listedCaseReport: { result: '已执结', content: '已执结。' },
  supervisoryReview: { reviewers: '赵一、钱二、孙三', findings: '执行行为合法。', conclusion: '执行行为合法' },
  supervisoryLetter: { letterNo: '琼高法执监函〔2026〕1号', correction: '撤销违法的解除查封决定。', implementPeriod: 5 },
  urgingDecision: { measure: '催办函' },
  urgingLetter: { letterNo: '琼高法执催〔2026〕1号', content: '请立即报告。', compliancePeriod: 5 },
  enforcementOrder: { orderNo: '琼高法执令〔2026〕1号', content: '督促依法执行。', requiredMeasures: '查封、扣押。', compliancePeriod: 5 },
  complianceReport: { content: '已报告办理情况。' },
  refusalHandling: { measure: '通报' },
  explanation: { reasons: '承办人调整。', nextSteps: '十日内报告。' },
  notice: { kind: '通报批评', reason: '逾期未报告，仍催而不办（暂行规定第二十三条）', content: '予以通报批评。' },
  reviewNotice: { court: 'hi-hk-zy', reason: '解除查封违法，导致当事人申诉。', persons: [{ name: '李四', role: '承办人' }], content: '对责任法院和责任人通报批评。' },
  accountability: { situation: '（二）无正当理由在规定期限内未报告工作情况或处理结果', handling: '约谈执行局长。' },
  platformItem: { itemType: '终本案件', tier: '高院', dueDate: '2026-10-09', requirements: '核查终本案件。' },
  itemHandling: { content: '已核查。', completed: true },
  itemVerification: { decision: '已完成' },
  itemUrging: { methods: { phone: true }, record: '电话督促。', newDueDate: '2026-10-16' },
  onlineAssignment: { spcRef: '最高法交〔2026〕8号', content: '重大信访案件交办。', dueDate: '2026-10-30' },
  assignHandler: { handlerName: '陈六', handlerPhone: '0898-12345678' },
  writeOffApplication: { handlingResult: '已执结。', writeOffReason: '案结事了。' },
  writeOffReview: { decision: '同意' },
  writeOffRelay: { opinion: '经审核，同意层报。' },
  writeOffCheck: { checker: '核查员周', decision: '符合核销条件' },
  quarterlyNotice: { statistics: [{ court: 'hi-hk-zy', toProvince: 3, toBeijing: 1 }], content: '季度通报。' },
  noticeApproval: { decision: '同意发布' },
  annualAssessment: { exclusions: '无', summary: '考核完毕。' },
  disqualification: { targets: '海口市中级人民法院', recommendation: '建议取消当年评优评先资格。' },
};

/** The sample for a form key (`hainan/<name>` or `<name>`), with the step's own fields over it. */
export function sample(formKey: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const name = formKey.replace(/^hainan\//, '');
  const base = SAMPLES[name];
  if (!base) throw new Error(`no sample for form ${formKey}`);
  return { ...structuredClone(base), ...over };
}
