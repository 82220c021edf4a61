// A valid submission for every Shandong form (forms/shandong/<name>.json). Steps start from these and
// override the fields they are about, so every completion passes the server's form validation as a
// handler's browser submission would; a start form's sample is its 立案 data.
export const SAMPLES: Record<string, Record<string, unknown>> = {
  startBackfill: {"requirements":"完成案件甄别和信息补录，帐外案、抽屉案清零。"},
  backfillNode: {"nodeDate":"2026-04-30","notice":"法明传[2017]699号"},
  backfillConfirmation: {"screenedCount":120,"backfilledCount":8,"cleared":"已清零","explanation":"已完成甄别，补录8件。","presidentConfirmed":true},
  backfillPublication: {"publishedAt":"2026-05-06","publication":"补录情况已在执行指挥中心平台公布。"},
  backfillRecheck: {"finding":"未发现漏录","details":"系统提取数据与上报一致。"},
  omissionCriticism: {"content":"该院再次出现漏录情况，予以通报批评。"},
  concealmentAccountability: {"handling":"故意隐瞒不报，移交纪检监察部门查处。"},
  warnAndSupervise: {"opinion":"法定期限即将届满，请加快执行进度。"},
  progressReport: {"status":"未结案","report":"已查封被执行人房产，拟评估拍卖。"},
  writtenExplanation: {"reasons":"评估机构未按期出具报告。","nextSteps":"一个月内启动拍卖。"},
  explanationReview: {"negligence":"不存在","opinion":"理由成立。"},
  disciplineReferral: {"reason":"存在消极执行情形，移送纪检监察部门视情问责。"},
  startAppraisal: {"enforcementCaseNo":"（2026）鲁0102执123号","entrustedAt":"2026-03-02","agency":"山东某资产评估有限公司"},
  appraisalProgress: {"completedAt":"2026-03-20","result":"评估价120万元。"},
  appraisalDelay: {"reasons":"现场勘验受阻。","measures":"已书面催告评估机构。"},
  startCoordination: {"enforcementCaseNo":"（2026）鲁0102执200号","requestReceivedAt":"2026-03-02","reason":"被执行人财产分布在多个辖区。"},
  coordinationAnswer: {"decision":"协同执行","participatingCourts":["sd-jn-zy"],"content":"由济南中院协同执行。"},
  coordinationReceipt: {"note":"已签收。"},
  startFirstSeizure: {"enforcementCaseNo":"（2026）鲁0102执300号","firstSeizureCaseNo":"（2025）鲁0103执88号","dispute":"首查封法院查封房产后一年未处置。"},
  seizureExplanation: {"reasons":"案外人提出异议，尚在审查。"},
  seizureReview: {"conclusion":"理由不成立","opinion":"异议已审结，应启动评估拍卖。"},
  auctionStart: {"startedAt":"2026-03-10","measures":"已委托评估。"},
  negligenceReview: {"serious":"否","opinion":"督促立即启动。"},
  propertyWarning: {"opinion":"查控期限即将届满，请完成线上、线下查控。"},
  propertyControlReport: {"online":true,"offline":true,"outcome":"有财产可供执行","report":"查询到银行存款。"},
  nodeNotice: {"content":"立案后1个月内未进行财产调查，予以通报。","consequence":"未造成"},
  startZhongben: {"enforcementCaseNo":"（2026）鲁0102执400号","summary":"穷尽财产调查措施，未发现可供执行财产。"},
  presidentSignOff: {"decision":"同意","opinion":"同意终结本次执行程序。"},
  zhongbenRevision: {"revision":"已补充限高措施。"},
  zhongbenPublication: {"publishedAt":"2026-03-20","rulingNo":"（2026）鲁0102执400号之一"},
  startZhongbenSelfCheck: {"requirements":"对辖区终本案件进行自查自纠。"},
  zhongbenSelfCheckReport: {"checkedCount":300,"irregularCount":2,"report":"已逐案自查，违规2件已纠正。"},
  zhongbenSelfCheckReview: {"finding":"未发现违规","opinion":"自查认真。"},
  correctionNotice: {"content":"责令依法纠正，并全省通报。"},
  zhongbenAccountability: {"handling":"有财产可供执行而违规终本，严肃问责。"},
  startComplaint: {"complaintReceivedAt":"2026-03-02","enforcementCaseNo":"（2026）鲁0102执500号","parties":"申请执行人甲，被执行人乙","complaintLevel":"一般信访","summary":"反映执行法院长期未执结。"},
  bureauChiefReport: {"reporter":"历下法院执行局长王某","report":"已查封被执行人房产。"},
  onSiteSupervision: {"supervisedAt":"2026-03-05","record":"要求一个月内处置房产。"},
  complaintHandling: {"resolved":"已化解","report":"执行款已发放，申请人息访。"},
  complaintReview: {"opinion":"化解到位，督办办结。"},
  rollCall: {"attendance":"全部在岗","record":""},
  patrolReview: {"findings":"节点录入及时。","warnings":"","notice":"不需通报","noticedCourts":[]},
  patrolNotice: {"content":"节点信息录入不及时，予以通报。"},
  onSiteInspection: {"inspectedAt":"2026-04-02","problems":"终本案件质量不高。","rectification":"一个月内整改。"},
  rectificationReport: {"report":"已逐项整改。"},
  startSelfReport: {"requirements":"对照第三方评估指标自查自估自改。"},
  selfAssessmentReport: {"report":"已对照评估指标逐项自查。"},
  selfReportReminder: {"reminder":"请于6月10日前报送自查报告。"},
  selfReportReceipt: {"opinion":"已收到。"},
  startAcceptance: {"noticeYear":2026},
  acceptanceCheck: {"summary":"验收考核完毕。"},
  rankingAccountability: {"measures":"约谈院长，限期整改，严肃问责。"},
};

/** The sample for a form key (`shandong/<name>` or `<name>`), with the step's own fields over it. */
export function sample(formKey: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const base = SAMPLES[formKey.replace(/^shandong\//, '')];
  if (!base) throw new Error(`no sample for form ${formKey}`);
  return { ...structuredClone(base), ...over };
}
