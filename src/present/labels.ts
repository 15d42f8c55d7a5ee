/**
 * @module The words for the ledger's keys, one place for the command line and the web: channels as
 * stored (with 未记载 for a register row), fee methods, the inbox's states and urgencies, and a request's
 * state on a day in Chinese.
 */
import type { FeeNoticeSent } from '../domain/requests/events.js';
import { CHANNEL_LABELS } from '../domain/requests/request.js';
import type { RequestState, RequestStatus } from '../domain/requests/status.js';
import { STATE_LABELS } from '../domain/requests/transitions.js';
import type { StoredChannel, Urgency } from '../ledger/index.js';

/** 申请渠道 as a request records it. */
export const STORED_CHANNEL_LABELS: Readonly<Record<StoredChannel, string>> = {
  ...CHANNEL_LABELS,
  unrecorded: '未记载',
};

/** 计费方式 of a fee notice (《政府信息公开信息处理费管理办法》). */
export const FEE_METHOD_LABELS: Readonly<Record<FeeNoticeSent['method'], string>> = {
  perPiece: '按件计收',
  perVolume: '按量计收',
};

/** The state of a request on a day (status.ts's RequestState), as the inbox filters by it. */
export const REQUEST_STATE_LABELS: Readonly<Record<RequestState, string>> = {
  inProgress: '办理中',
  paused: '暂停计算期限',
  awaitingCorrection: '等待补正',
  decided: '已答复',
  lapsed: '不再处理',
  withdrawn: '已撤回',
};

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = {
  overdue: '已逾期',
  dueSoon: '临近期限',
  onTime: '期限内',
  noDueDate: '无答复期限',
  closed: '已办结',
};

/** The state in Chinese: the log's state, and whether the reply period stands still. */
export function stateLabelOf(status: RequestStatus): string {
  const label = STATE_LABELS[status.described];
  if (status.closedOn !== undefined) return label;
  if (status.pausedFor.length > 0) return `${label}（暂停计算答复期限）`;
  if (status.described === 'consulting') return `${label}（对方答复期限已届满，恢复计算答复期限）`;
  return label;
}

/** What each audit-log action (操作日志) records, in words. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'agency.add': '添加机关',
  'calendar.import': '导入节假日安排',
  'calendar.override': '录入工作日历',
  'calendar.override-removed': '删除工作日历录入',
  'calendar.year-complete': '标记年度节假日录入完整',
  'case.add': '登记复议诉讼案件',
  'case.close': '记录案件审结',
  'case.withdraw': '撤销案件登记',
  'request.void': '作废办理记录',
  'request.intake': '登记申请',
  'request.event': '记录办理事件',
  'requests.import': '导入台账',
  'session.login': '登录',
  'session.login-failed': '登录失败',
  'session.logout': '退出登录',
  'session.expired': '会话过期',
  'token.issue': '签发 API 令牌',
  'token.revoke': '吊销 API 令牌',
  'user.add': '添加用户',
  'user.password-change': '修改密码',
  'user.password-reset': '重置密码',
  'user.unlock': '解除锁定',
};

/** The groups the audit-log page filters by (an action prefix). */
export const AUDIT_ACTION_GROUPS: readonly (readonly [string, string])[] = [
  ['request.', '申请办理'],
  ['case.', '复议诉讼'],
  ['calendar.', '工作日历'],
  ['agency.', '机关'],
  ['user.', '用户'],
  ['session.', '登录'],
  ['token.', 'API 令牌'],
];
