// Chinese names of the values the API sends in English.
export const CASE_STATUS: Record<string, string> = { running: '办理中', completed: '已办结', failed: '异常', suspended: '已挂起' };

export const HISTORY_TYPE: Record<string, string> = {
  caseStarted: '立案督办',
  started: '流程开始',
  taskOpened: '任务开启',
  taskCompleted: '任务办结',
  taskCancelled: '任务撤销',
  timerArmed: '期限起算',
  timerFired: '期限届满',
  timerCancelled: '期限解除',
  timerRescheduled: '期限重算',
  taskDueChanged: '办理期限变更',
  deadlineChanged: '期限变更',
  gatewayTaken: '流转判断',
  eventReached: '到达节点',
  ended: '流程结束',
  migrated: '迁移至新版本',
  supervisedCourtChanged: '变更被督办法院',
  messageWaiting: '等待消息',
  messageSent: '发出消息',
  messageReceived: '收到消息',
  taskClaimed: '认领',
  taskReleased: '释放',
  taskTransferred: '转办',
  taskDelegated: '委派',
  delegationReturned: '交回委派',
  cosignerAdded: '加签',
  cosigned: '会签',
  submittedAwaitingCosign: '提交待会签',
  taskSaved: '暂存',
  taskReturned: '退回',
  taskWithdrawn: '撤回',
  assigneeChanged: '变更办理人',
  tokenMoved: '管理员调整流程',
  caseClosedByAdmin: '管理员结案',
  caseSuspended: '挂起',
  caseResumed: '恢复',
  stepFailed: '步骤运行失败',
  retryFailed: '重试失败',
  stepRetried: '重试步骤',
  urged: '催办',
  ledgerEntry: '记入台账',
  taskAssigned: '指派',
};

export const TIMER_KIND: Record<string, string> = {
  interrupting: '届满改变流程',
  'non-interrupting': '届满预警或催办',
  intermediate: '等待期限',
};

export const historyLabel = (type: string) => HISTORY_TYPE[type] ?? type;
