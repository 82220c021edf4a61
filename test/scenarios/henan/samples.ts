// Generated with the package: a valid submission for every Henan form (forms/henan/<name>.json).
// Scenario steps start from these and override the fields the step is about.
export const SAMPLES: Record<string, Record<string, unknown>> = {
  "majorMatterPanel": {
    "presiding": "张审判长",
    "members": [
      {
        "account": "ha-lk-chengban",
        "name": "兰考承办人甲"
      },
      {
        "account": "ha-lk-chengban2",
        "name": "兰考承办人乙"
      },
      {
        "account": "ha-lk-chengban3",
        "name": "兰考承办人丙"
      }
    ]
  },
  "deliberation": {
    "opinion": "同意",
    "reason": "理由：示例"
  },
  "startMajorMatter": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "matterType": "作出或解除（撤销）查封、冻结、扣押",
    "matterSummary": "事项及拟办意见：示例"
  },
  "panelMinutes": {
    "decisionText": "合议庭决定（按多数意见）：示例",
    "minorityOpinion": "少数意见：示例"
  },
  "startClosing": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "filedAt": "2026-01-05"
  },
  "closingApplication": {
    "closingMode": "执行完毕",
    "applicantClues": "申请执行人未提供财产线索",
    "lawyerOrder": "当事人未申请律师调查令",
    "firstSeizure": "无首封或享有优先权的轮候查封财产",
    "applicantAgrees": "同意",
    "summary": "结案报告：示例"
  },
  "closingApproval": {
    "standardChecks": {
      "mode": true
    },
    "decision": "同意结案",
    "closedAt": "2026-01-05",
    "opinion": "审批意见说明：示例"
  },
  "archiving": {
    "archivedAt": "2026-01-05",
    "archiveNo": "归档号：示例",
    "rulingPublished": "非终本案件"
  },
  "archiveSupervision": {
    "supervision": "督办意见：示例",
    "responsible": "责任人（姓名）：示例"
  },
  "zhongbenManagement": {
    "outcome": "申请执行人申请恢复执行",
    "note": "情况说明：示例"
  },
  "resumptionReview": {
    "decision": "准予恢复执行",
    "reason": "理由：示例",
    "newHandler": "新承办人（平台账号）：示例",
    "newHandlerName": "新承办人姓名：示例"
  },
  "resumption": {
    "resumedCaseNo": "恢复执行案号：示例",
    "resumedAt": "2026-01-05",
    "plan": "执行计划：示例"
  },
  "startRecording": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "activity": "拘传"
  },
  "recordingRegistration": {
    "activityAt": "2026-01-05",
    "recordedAt": "2026-01-05",
    "activitySummary": "活动简况：示例"
  },
  "recordingUpload": {
    "uploadedAt": "2026-01-05",
    "systemRef": "执行案件管理系统中的存储编号：示例",
    "category": "拘传",
    "complete": "全程录音录像",
    "gapReason": "未全程录制的原因：示例",
    "proof": null
  },
  "uploadSupervision": {
    "supervision": "督办意见：示例",
    "responsible": "责任人（姓名）：示例"
  },
  "startDisposal": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "property": "拟处置财产：示例"
  },
  "disposalRegistration": {
    "disposalFrom": "2026-01-05",
    "seizure": "查封、扣押、冻结情况（防止处置期间“脱封”）：示例"
  },
  "referencePrice": {
    "method": "当事人议价",
    "price": 1,
    "priceSetAt": "2026-01-05"
  },
  "reportDelivery": {
    "sentAt": "2026-01-05",
    "recipients": "当事人及利害关系人：示例",
    "objection": "无异议"
  },
  "saleStart": {
    "saleMode": "网络司法拍卖",
    "platformName": "网络司法拍卖平台（征求申请执行人意见确定）：示例",
    "traditionalReason": "需要进行传统拍卖的理由：示例",
    "materials": {
      "ruling": true
    },
    "startedAt": "2026-01-05"
  },
  "auctionApproval": {
    "decision": "同意",
    "opinion": "意见：示例"
  },
  "traditionalAuction": {
    "auctioneer": "拍卖机构：示例",
    "entrustedAt": "2026-01-05"
  },
  "disposalSupervision": {
    "supervision": "督办意见：示例",
    "responsible": "责任人（姓名）：示例"
  },
  "deadlineReport": {
    "situation": "未结情况：示例",
    "reasons": "具体原因：示例",
    "proposal": "由原承办人限期办结"
  },
  "directorDecision": {
    "decision": "由原承办人限期办结",
    "newDeadline": "2026-12-31",
    "newHandler": "更换后的执行人员（平台账号）：示例",
    "newHandlerName": "更换后的执行人员姓名：示例",
    "reason": "理由：示例"
  },
  "finishReport": {
    "result": "已办结",
    "content": "情况说明：示例"
  },
  "handover": {
    "receivedAt": "2026-01-05",
    "plan": "执行计划：示例"
  },
  "committeeDecision": {
    "meetingAt": "2026-01-05",
    "decision": "审委会决定：示例"
  },
  "overrunSupervision": {
    "supervision": "督办意见：示例",
    "responsible": "责任人（姓名）：示例"
  },
  "applicantExplanation": {
    "explainedAt": "2026-01-05",
    "method": "当面",
    "measuresTaken": "已经采取的执行措施及结果：示例",
    "nextPlan": "下一步执行计划：示例",
    "cooperation": "需要申请执行人参与和配合的事项：示例",
    "applicantOpinion": "申请执行人对案件执行的意见和建议：示例"
  },
  "explanationSupervision": {
    "supervision": "督办意见：示例"
  },
  "startPetition": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "complaintReceivedAt": "2026-01-05",
    "complaint": "信访内容：示例"
  },
  "petitionSupervision": {
    "causeNondisclosure": false,
    "opinion": "督办意见：示例",
    "reportBy": "2026-01-20"
  },
  "petitionReport": {
    "stage": "处理结果",
    "content": "办理情况：示例",
    "opinionImplemented": "已落实"
  },
  "overdueAssessment": {
    "justified": "有正当理由",
    "reason": "审查意见：示例"
  },
  "petitionReview": {
    "implemented": "已落实",
    "assessment": "审查意见：示例"
  },
  "criticism": {
    "reason": "通报事由：示例",
    "persons": [
      {
        "name": "姓名：示例",
        "role": "职务：示例"
      }
    ],
    "content": "通报内容：示例",
    "serious": "情节一般"
  },
  "doubleInvestigation": {
    "measure": "启动“一案双查”",
    "findings": "调查核实情况：示例",
    "persons": [
      {
        "name": "姓名：示例",
        "role": "职务：示例"
      }
    ]
  },
  "startRemote": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "matter": "查询",
    "location": "办理地点（省、市、县）：示例",
    "detail": "事项说明：示例"
  },
  "remoteMode": {
    "mode": "委托当地法院代为办理",
    "grounds": {
      "cannotEntrust": true
    },
    "explanation": "具体说明：示例"
  },
  "entrustment": {
    "entrustedCourt": "受托法院：示例",
    "platformRef": "执行指挥管理平台委托编号：示例",
    "entrustedAt": "2026-01-05"
  },
  "entrustmentResult": {
    "result": "办理结果：示例"
  },
  "travelApproval": {
    "decision": "批准出省办理",
    "opinion": "意见：示例"
  },
  "remoteExecution": {
    "coercive": "是",
    "assistingCourt": "协助的当地法院：示例",
    "assistingContact": "当地法院协助人员：示例",
    "completedAt": "2026-01-05",
    "record": "办理情况：示例"
  },
  "startInterview": {
    "grounds": {
      "slow": true
    },
    "evidence": "依据（督办台账、法院排名、质效指标）：示例"
  },
  "interviewRecord": {
    "interviewedAt": "2026-01-05",
    "attendees": "参加人员：示例",
    "problems": "存在的问题：示例",
    "requirements": "整改要求：示例",
    "rectifyBy": "2026-12-31"
  },
  "rectificationReport": {
    "measures": "整改措施：示例",
    "result": "整改结果：示例"
  },
  "rectificationUrging": {
    "urging": "督促意见：示例"
  },
  "rectificationCheck": {
    "result": "整改到位",
    "opinion": "意见：示例"
  },
  "startProcuratorial": {
    "enforcementCaseNo": "（2026）豫0225执1号",
    "parties": "申请执行人甲公司，被执行人乙",
    "suggestionNo": "检察建议文号：示例",
    "procuratorate": "发出检察建议的检察机关：示例",
    "suggestionReceivedAt": "2026-01-05",
    "content": "检察建议内容：示例"
  },
  "suggestionReview": {
    "findings": "审查意见：示例",
    "wrong": "执行行为确有错误"
  },
  "correction": {
    "measures": "纠正措施：示例",
    "correctedAt": "2026-01-05"
  },
  "suggestionReply": {
    "replyNo": "回复文号：示例",
    "replyContent": "回复内容：示例",
    "concludedAt": "2026-01-05"
  },
  "suggestionFiling": {
    "submittedAt": "2026-01-05",
    "summary": "办理情况：示例"
  },
  "filingUrging": {
    "urging": "督促意见：示例"
  },
  "filingRegistration": {
    "onTime": "办结后一个月内报送",
    "opinion": "备案意见：示例"
  }
};
