/**
 * @module `gongkai users add|list|token|revoke|unlock|password`: the platform's accounts for operators
 * and scripts, acting as the system actor `cli:<user>` (every agency). The accounts layer checks,
 * hashes and audits; this file parses options and prints. A secret (a generated password, a token) is
 * printed once on stdout and never on stderr; a password given goes in through stdin, never argv
 * (which other users of the machine can read). The command line is a contract (docs/cli.md).
 */
import type { Command } from 'commander';
import {
  type AccountRefusal,
  beijingTime,
  createUser,
  generatePassword,
  issueApiToken,
  listUsers,
  resetPassword,
  revokeApiToken,
  unlockUser,
} from '../accounts/index.js';
import { ROLE_LABELS, ROLES, type Role } from '../domain/access/policy.js';
import type { UserSummary } from '../storage/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { fold, parseId, type SetExit } from './cli-options.js';
import { cliOperator, DATABASE_FLAGS, DATABASE_HELP, databaseUrl, withLedger } from './ledger-session.js';

const ROLE_HELP = ROLES.map((r) => `${r}|${ROLE_LABELS[r]}`).join('、');

/** A role by key (admin) or label (管理员). */
const ROLE_NAMES = new Map<string, Role>(
  ROLES.flatMap((r) => [[r.toLowerCase(), r] as const, [fold(ROLE_LABELS[r]), r] as const]),
);

/** `--role admin,经办人`: keys or labels, separated by commas (either width), 、 or blanks. */
export function parseRoles(text: string): Role[] {
  const words = text.split(/[,，、\s]+/).filter((w) => w.length > 0);
  if (words.length === 0) throw new CliFailure(`--role 不能为空，可选 ${ROLE_HELP} (roles)`);
  const roles = words.map((w) => {
    const role = ROLE_NAMES.get(fold(w).toLowerCase());
    if (!role) throw new CliFailure(`--role ${w}: 未知角色，可选 ${ROLE_HELP} (unknown role)`);
    return role;
  });
  return ROLES.filter((r) => roles.includes(r));
}

const refusedBy = (refusal: AccountRefusal) => new CliFailure(refusal.message);

/** The first line of stdin, for --password-stdin. */
async function passwordFromStdin(io: CliIo): Promise<string> {
  if (!io.readStdin) throw new CliFailure('无法读取标准输入 (no standard input to read)');
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!password)
    throw new CliFailure('--password-stdin: 标准输入的第一行为空 (the first line of stdin is empty)');
  return password;
}

/** The password given on stdin, or one generated (and then to be printed once). */
async function passwordOf(io: CliIo, fromStdin: boolean | undefined) {
  return fromStdin
    ? { password: await passwordFromStdin(io), generated: false }
    : { password: generatePassword(), generated: true };
}

const roleText = (roles: readonly Role[]) => roles.map((r) => `${ROLE_LABELS[r]}(${r})`).join('、');

function userLine(u: UserSummary, now: string): string {
  return [
    u.name,
    u.displayName,
    `机关 ${u.agencyId} ${u.agencyName}`,
    `角色 ${roleText(u.roles)}`,
    ...(u.lockedUntil !== null && u.lockedUntil > now ? [`锁定至 ${beijingTime(u.lockedUntil)}`] : []),
    ...(u.disabledAt !== null ? ['已停用'] : []),
    `创建 ${beijingTime(u.createdAt)}`,
  ].join('  ');
}

function userJson(u: UserSummary) {
  return {
    id: u.id,
    name: u.name,
    displayName: u.displayName,
    agencyId: u.agencyId,
    agencyName: u.agencyName,
    roles: u.roles,
    roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
    lockedUntil: u.lockedUntil,
    disabledAt: u.disabledAt,
    createdAt: u.createdAt,
  };
}

export function registerUsersCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const users = program
    .command('users')
    .description('平台用户：添加、列出、令牌、解锁、重置密码 (platform accounts)');

  users
    .command('add')
    .description('添加用户；未用 --password-stdin 时生成初始密码并输出一次 (add a user)')
    .argument('<name>', '登录名：2 至 64 个英文字母、数字或 . _ - (login name)')
    .requiredOption('--agency <id>', '所属机关编号 (agency id)')
    .requiredOption('--role <roles>', `角色，多个用逗号分隔：${ROLE_HELP} (roles)`)
    .option('--display-name <text>', '显示名称，如姓名；默认为登录名 (display name)')
    .option('--password-stdin', '从标准输入的第一行读取密码 (read the password from stdin)')
    .option('--json', '以 JSON 输出 {"id", "name", "password"?} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        name: string,
        options: {
          agency: string;
          role: string;
          displayName?: string;
          passwordStdin?: boolean;
          json?: boolean;
          database?: string;
        },
      ) => {
        const agencyId = parseId(options.agency, '--agency');
        const roles = parseRoles(options.role);
        const { password, generated } = await passwordOf(io, options.passwordStdin);
        const added = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          createUser(storage, cliOperator(), {
            name,
            agencyId,
            roles,
            password,
            ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
          }),
        );
        if (!added.ok) throw refusedBy(added.error);
        const u = added.value;
        if (options.json)
          io.stdout(`${JSON.stringify({ id: u.id, name: u.name, ...(generated ? { password } : {}) })}\n`);
        else io.stdout(`${u.id}\n${generated ? `初始密码 (initial password): ${password}\n` : ''}`);
        io.stderr(
          `已添加用户 ${u.name}（${roleText(u.roles)}，机关 ${u.agencyId}），编号 ${u.id} (user added)` +
            `${generated ? '；初始密码只显示这一次，请当面转交 (the password is shown only once)' : ''}\n`,
        );
        setExit(EXIT.ok);
      },
    );

  users
    .command('list')
    .description('列出全部用户 (list every user)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (options: { json?: boolean; database?: string }) => {
      const listed = await withLedger(databaseUrl(options.database), 'read', (storage) =>
        listUsers(storage, cliOperator()),
      );
      if (!listed.ok) throw refusedBy(listed.error);
      const now = new Date().toISOString();
      if (options.json) io.stdout(`${JSON.stringify(listed.value.map(userJson), null, 2)}\n`);
      else if (listed.value.length === 0) io.stdout('尚无用户 (no users)\n');
      else io.stdout(`${listed.value.map((u) => userLine(u, now)).join('\n')}\n`);
      setExit(EXIT.ok);
    });

  users
    .command('token')
    .description('为用户签发 API 令牌，只输出这一次 (issue an API token; printed once)')
    .argument('<name>', '登录名 (login name)')
    .option('--label <text>', '令牌用途，如“台账同步脚本”(what the token is for)')
    .option('--json', '以 JSON 输出 {"id", "token"} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (name: string, options: { label?: string; json?: boolean; database?: string }) => {
      const issued = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        issueApiToken(storage, cliOperator(), name, options.label),
      );
      if (!issued.ok) throw refusedBy(issued.error);
      const { id, token } = issued.value;
      io.stdout(options.json ? `${JSON.stringify({ id, token })}\n` : `${token}\n`);
      io.stderr(
        `已为 ${name} 签发令牌，编号 ${id}；令牌只显示这一次，可用 gongkai users revoke ${id} 吊销 (token issued; shown only once)\n`,
      );
      setExit(EXIT.ok);
    });

  users
    .command('revoke')
    .description('吊销 API 令牌 (revoke an API token)')
    .argument('<token-id>', '令牌编号（签发时输出）(token id)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (tokenId: string, options: { database?: string }) => {
      const id = parseId(tokenId, '令牌编号');
      const revoked = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        revokeApiToken(storage, cliOperator(), id),
      );
      if (!revoked.ok) throw refusedBy(revoked.error);
      io.stdout(`令牌 ${id} 已吊销 (token revoked)\n`);
      setExit(EXIT.ok);
    });

  users
    .command('unlock')
    .description('解除因登录失败造成的锁定 (lift a lockout)')
    .argument('<name>', '登录名 (login name)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (name: string, options: { database?: string }) => {
      const unlocked = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        unlockUser(storage, cliOperator(), name),
      );
      if (!unlocked.ok) throw refusedBy(unlocked.error);
      io.stdout(`${unlocked.value.name}：已解除锁定 (unlocked)\n`);
      setExit(EXIT.ok);
    });

  users
    .command('password')
    .description(
      '重置用户密码并结束其全部会话；未用 --password-stdin 时生成新密码并输出一次 (reset a password)',
    )
    .argument('<name>', '登录名 (login name)')
    .option('--password-stdin', '从标准输入的第一行读取新密码 (read the new password from stdin)')
    .option('--json', '以 JSON 输出 {"name", "password"?} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (name: string, options: { passwordStdin?: boolean; json?: boolean; database?: string }) => {
      const { password, generated } = await passwordOf(io, options.passwordStdin);
      const reset = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        resetPassword(storage, cliOperator(), name, password),
      );
      if (!reset.ok) throw refusedBy(reset.error);
      const u = reset.value;
      if (options.json)
        io.stdout(`${JSON.stringify({ name: u.name, ...(generated ? { password } : {}) })}\n`);
      else
        io.stdout(
          generated ? `新密码 (new password): ${password}\n` : `${u.name}：密码已重置 (password reset)\n`,
        );
      io.stderr(`${u.name} 的密码已重置，其会话均已结束 (password reset; sessions ended)\n`);
      setExit(EXIT.ok);
    });
}
