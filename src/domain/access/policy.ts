/**
 * @module Who may do what (权限): the roles of a disclosure office, the actions of the platform, and one
 * table between them (POLICY). `authorize` reads the table and the actor's agencies: a user acts for
 * the agency they belong to, and an oversight user (监督) reads its subordinate agencies too. A record
 * of an agency the actor cannot see is refused as not found, so that nobody learns it exists; an
 * action the actor's roles do not give is refused as forbidden. Pure: the actor's agencies are handed in.
 */
import type { EventKind } from '../requests/events.js';
import { err, ok, type Result } from '../requests/result.js';

/** The roles of 条例 第四条's 政府信息公开工作机构 as the platform knows them. */
export const ROLES = ['admin', 'handler', 'approver', 'liaison', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '管理员',
  handler: '经办人',
  approver: '审核人',
  liaison: '联络员',
  oversight: '监督',
};

/** What a role is for, as the administrator's user page explains it. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: '管理机关、用户和工作日历，查看操作日志',
  handler: '登记和办理依申请公开',
  approver: '审核延长答复期限和答复决定',
  liaison: '部门或村（社区）的联络人，不接触申请数据',
  oversight: '只读查看本机关及下级机关的申请和报告',
};

/** Every action the platform checks, by what it touches. */
export const ACTIONS = [
  'request.read',
  'request.register',
  'request.record',
  'request.extend',
  'request.decide',
  'request.void',
  'request.correct',
  'report.complete',
  'case.record',
  'report.build',
  'report.publish',
  'agency.manage',
  'user.manage',
  'calendar.manage',
  'register.headers',
  'auditLog.read',
  'account.self',
  'catalogue.read',
  'catalogue.draft',
  'catalogue.publish',
  'catalogue.repeal',
  'catalogue.columns',
  'guide.publish',
  'rules.publish',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far an action reaches: `own` the actor's agency only; `subtree` the actor's agency and every
 * agency below it; `global` everything in the database (the working calendar is one for all).
 */
export type Reach = 'own' | 'subtree' | 'global';

export interface Grant {
  readonly roles: readonly Role[];
  /** For each role that holds the grant, how far it reaches; `own` when not named. */
  readonly reach?: Partial<Record<Role, Reach>>;
  /** Why, for the rulebook (docs/glossary.md, the access tests). */
  readonly basis: string;
}

/** The policy: one row per action. Read it as 'who may, and over which agencies'. */
export const POLICY: Readonly<Record<Action, Grant>> = {
  'request.read': {
    roles: ['handler', 'approver', 'oversight'],
    reach: { oversight: 'subtree' },
    basis: '办理人员查看本机关申请；监督查看本机关及下级机关申请（只读）',
  },
  'request.register': { roles: ['handler'], basis: '经办人登记收到的申请（条例第二十九条、第三十一条）' },
  'request.record': {
    roles: ['handler'],
    basis: '经办人记录补正、征求意见、收费、撤回等办理事件（条例第三十条、第三十二条）',
  },
  'request.extend': {
    roles: ['approver'],
    basis: '延长答复期限应当经政府信息公开工作机构负责人同意（条例第三十三条）',
  },
  'request.decide': { roles: ['approver'], basis: '审核人审核答复决定（条例第三十六条）' },
  'request.void': {
    roles: ['approver'],
    basis: '更正办理记录：审核人作废错误的记录并说明理由，原记录保留（条例第四十五条）',
  },
  'request.correct': {
    roles: ['approver'],
    basis: '更正申请信息：审核人更正登记错误的申请人、类型、渠道或收到日期，原值保留（条例第四十五条）',
  },
  'report.complete': {
    roles: ['approver'],
    basis: '年度报告定稿：审核人标记某年度报告已完成，此后改变该年度数字的更正须确认（条例第五十条）',
  },
  'case.record': { roles: ['handler', 'approver'], basis: '登记行政复议、行政诉讼案件（条例第五十一条）' },
  'report.build': {
    roles: ['handler', 'approver', 'oversight'],
    reach: { oversight: 'subtree' },
    basis: '编制年度报告（条例第四十九条）；监督查看下级机关的报告',
  },
  'report.publish': {
    roles: ['approver'],
    basis:
      '审核人在政府信息公开年报栏目发布本机关的年度报告（条例第四十九条：每年1月31日前公布上一年度报告；第五十条：报告的内容）；已发布的报告不再改动，更正以新版本发布并说明理由，原版本保留；管理员只管理机关、用户和日历，不发布公开内容',
  },
  'agency.manage': {
    roles: ['admin'],
    reach: { admin: 'subtree' },
    basis: '管理员管理本机关及下级机关',
  },
  'user.manage': { roles: ['admin'], reach: { admin: 'subtree' }, basis: '管理员管理本机关及下级机关的用户' },
  'calendar.manage': {
    roles: ['admin'],
    reach: { admin: 'global' },
    basis: '管理员维护工作日历（节假日、调休）',
  },
  'register.headers': {
    roles: ['admin'],
    reach: { admin: 'global' },
    basis: '管理员维护台账导入的表头同义词（各机关共用）',
  },
  'auditLog.read': { roles: ['admin'], reach: { admin: 'subtree' }, basis: '管理员查看操作日志' },
  'account.self': { roles: [...ROLES], basis: '每个用户修改自己的密码、退出登录' },
  'catalogue.read': {
    roles: ['liaison', 'handler', 'approver', 'oversight'],
    reach: { oversight: 'subtree' },
    basis: '工作人员查看本机关的政府信息公开目录（含草稿）；监督查看本机关及下级机关的目录',
  },
  'catalogue.draft': {
    roles: ['liaison', 'handler'],
    basis: '联络员、经办人起草目录信息、提交审核、更正草稿（条例第十九条、第二十六条）',
  },
  'catalogue.publish': {
    roles: ['approver'],
    basis: '审核人审核发布目录信息（赋予索引号）或撤回误发的信息（条例第十七条：公开前审查）',
  },
  'catalogue.repeal': {
    roles: ['approver'],
    basis: '审核人记录规章、规范性文件的修改和废止（有效性；条例第二十条第（一）项）',
  },
  'catalogue.columns': {
    roles: ['admin', 'approver'],
    basis:
      '管理员或审核人维护本机关政府信息公开目录的栏目：在标准栏目（国办公开办函〔2019〕61号、条例第二十条、基层政务公开标准目录）下增设、改名、停用本机关的栏目；已有信息的栏目只能停用，不能删除',
  },
  'guide.publish': {
    roles: ['approver', 'admin'],
    basis: '审核人或管理员发布、更新本机关的政府信息公开指南（条例第十二条：编制、公布并及时更新）',
  },
  'rules.publish': {
    roles: ['approver', 'admin'],
    basis:
      '审核人或管理员发布、更新本机关的政府信息公开制度（条例第四条：建立健全本行政机关的政府信息公开工作制度；第十七条：审查机制；第四十五条：申请登记、审核、办理、答复、归档的工作制度）；新版本发布后旧版本保留',
  },
};

/** Events an approver records (the Regulation asks for the head's consent); every other one a handler. */
const APPROVER_EVENTS: Readonly<Partial<Record<EventKind, Action>>> = {
  Extended: 'request.extend',
  Decided: 'request.decide',
};

/** The action recording an event of this kind is. */
export const actionOfEvent = (kind: EventKind): Action => APPROVER_EVENTS[kind] ?? 'request.record';

/**
 * Who acts. A user acts for one agency (`agencyId`); `subordinateIds` are the agencies below it (for
 * oversight and administration). The system actor (an operator at the command line, a migration, the
 * demo loader) holds every role over every agency.
 */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: number;
      /** Login name, as the audit log records it. */
      readonly name: string;
      readonly roles: readonly Role[];
      readonly agencyId: number;
      readonly subordinateIds: readonly number[];
      /** Where the call came from (the client's address), for the audit log. */
      readonly address?: string;
    }
  | {
      readonly kind: 'system';
      /** 'cli:root', 'demo' … as the audit log records it. */
      readonly name: string;
      readonly address?: string;
    };

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

/** The name the audit log and the event log record for the actor. */
export const actorName = (actor: Actor): string => actor.name;

export type AccessCode = 'access.forbidden' | 'access.not-found';

export const ACCESS_REFUSALS: Readonly<Record<AccessCode, string>> = {
  'access.forbidden': '您的角色无权进行此操作 (your role does not allow this)',
  'access.not-found': '记录不存在，或不属于您所在的机关 (no such record in your agency)',
};

export interface AccessRefusal {
  readonly code: AccessCode;
  readonly message: string;
}

const refusal = (code: AccessCode, detail?: string): AccessRefusal => ({
  code,
  message: detail ? `${ACCESS_REFUSALS[code]}：${detail}` : ACCESS_REFUSALS[code],
});

/** The agencies an action reaches for the actor: every one (`'all'`), or these ids. */
export function reachOf(actor: Actor, action: Action): 'all' | readonly number[] {
  if (actor.kind === 'system') return 'all';
  const grant = POLICY[action];
  let widest: Reach | undefined;
  for (const role of actor.roles) {
    if (!grant.roles.includes(role)) continue;
    const reach = grant.reach?.[role] ?? 'own';
    if (reach === 'global') return 'all';
    if (reach === 'subtree' || widest === undefined) widest = reach;
  }
  if (widest === undefined) return [];
  return widest === 'subtree' ? [actor.agencyId, ...actor.subordinateIds] : [actor.agencyId];
}

/**
 * Whether the actor may see anything of an agency at all: an action of theirs reaches it through their
 * own agency (a grant over the whole database, like the calendar's, does not make others' records visible).
 */
function sees(actor: Actor & { kind: 'user' }, agencyId: number): boolean {
  return ACTIONS.some((action) => {
    const reach = reachOf(actor, action);
    return reach !== 'all' && reach.includes(agencyId);
  });
}

/**
 * May the actor do `action` (on a record of `agencyId`, when it concerns one)? A record outside every
 * agency the actor sees is 'access.not-found'; one the actor sees but may not act on is 'access.forbidden'.
 */
export function authorize(actor: Actor, action: Action, agencyId?: number): Result<void, AccessRefusal> {
  if (actor.kind === 'system') return ok(undefined);
  const reach = reachOf(actor, action);
  if (agencyId === undefined)
    return actor.roles.some((r) => POLICY[action].roles.includes(r))
      ? ok(undefined)
      : err(refusal('access.forbidden'));
  if (reach === 'all' || reach.includes(agencyId)) return ok(undefined);
  return err(refusal(sees(actor, agencyId) ? 'access.forbidden' : 'access.not-found'));
}

/**
 * Who an audit entry (操作日志) records: the actor's name, their user id and address when a user acted,
 * and the agency the change concerns (the administrator's log is filtered by it).
 */
export function auditedBy(actor: Actor, agencyId: number | null) {
  return {
    actor: actorName(actor),
    userId: actor.kind === 'user' ? actor.userId : null,
    address: actor.address ?? null,
    agencyId,
  };
}
