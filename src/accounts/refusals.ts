/**
 * @module What the account use cases turn away, as values with stable codes and a Chinese-first reason;
 * the policy's own refusals (access.forbidden, access.not-found) pass through unchanged.
 */
import type { AccessCode } from '../domain/access/policy.js';
import { MIN_PASSWORD_LENGTH } from './password-rule.js';

export const ACCOUNT_REFUSALS = {
  'login.failed': '用户名或密码错误 (wrong user name or password)',
  'login.locked': '账户因连续登录失败已被锁定 (account locked after repeated failed logins)',
  'login.address-throttled':
    '此地址近期登录失败次数过多，请稍后再试 (too many failed logins from this address recently; try later)',
  'login.disabled': '账户已停用，请联系管理员 (account disabled; ask an administrator)',
  'user.name-invalid':
    '用户名应为 2 至 64 个英文字母、数字或 . _ - (a user name is 2–64 letters, digits, dots, underscores or hyphens)',
  'user.name-taken': '用户名已被使用 (user name already taken)',
  'user.display-name-invalid': '显示名称过长或含控制字符 (display name too long or has control characters)',
  'user.unknown': '用户不存在 (no such user)',
  'user.no-role': '至少需要一个角色 (at least one role is needed)',
  'user.role-unknown': '未知角色 (unknown role)',
  'user.not-a-user': '只有登录的用户可以修改自己的密码 (only a signed-in user changes their own password)',
  'user.self': '不能停用自己的账户 (you cannot disable your own account)',
  'agency.unknown': '机关不存在 (no such agency)',
  'password.weak': `密码至少 ${MIN_PASSWORD_LENGTH} 个字符，且须同时包含字母和数字 (a password needs at least ${MIN_PASSWORD_LENGTH} characters, with a letter and a digit)`,
  'password.wrong': '原密码不正确 (the current password is wrong)',
  'password.same': '新密码不能与原密码相同 (the new password is the old one)',
  'token.unknown': 'API 令牌不存在 (no such API token)',
} as const;

export type AccountCode = keyof typeof ACCOUNT_REFUSALS;

export interface AccountRefusal {
  readonly code: AccountCode | AccessCode;
  readonly message: string;
  /** For 'login.locked': until when (ISO-8601 UTC). */
  readonly until?: string;
}

export function accountRefusal(code: AccountCode, detail?: string): AccountRefusal {
  return { code, message: detail ? `${ACCOUNT_REFUSALS[code]}：${detail}` : ACCOUNT_REFUSALS[code] };
}

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment (ISO-8601) as the user's office reads clocks: '2026-11-02 09:20', Beijing time. */
export const beijingTime = (iso: string): string => CHINA_TIME.format(new Date(iso)).replaceAll('/', '-');

/** 'login.locked', saying until when and who lifts it. */
export function lockedRefusal(until: string): AccountRefusal {
  const when = beijingTime(until);
  return {
    code: 'login.locked',
    message: `${ACCOUNT_REFUSALS['login.locked']}，至 ${when}（北京时间）；管理员可提前解除锁定 (locked until ${until}; an administrator can unlock it)`,
    until,
  };
}
