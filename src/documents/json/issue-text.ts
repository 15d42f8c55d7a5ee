/**
 * @module A schema's complaint about JSON or form input (a zod issue) in words a user can act on: Chinese
 * first, English in brackets, never the library's own text ("Invalid input: expected string"). A
 * message the schema itself gives in Chinese is kept as it is.
 */
import type { z } from 'zod';

const TYPES: Readonly<Record<string, string>> = {
  string: '文字 (text)',
  number: '数字 (a number)',
  int: '整数 (a whole number)',
  boolean: 'true 或 false (a boolean)',
  array: '列表 (a list)',
  object: '对象 (an object)',
  date: '日期 (a date)',
  null: 'null',
};

/** A message the schema wrote itself: in Chinese, and not zod's English around values that are. */
const ownMessage = (text: string) =>
  /[\u4e00-\u9fff]/u.test(text) && !/^(?:Invalid|Too small|Too big|Unrecognized|Expected)/.test(text);

/**
 * Whether an invalid-type issue is about a key left out. zod keeps the input only when asked to, so
 * its own message is read for this (and never shown).
 */
export const isMissing = (issue: z.core.$ZodIssue): boolean =>
  issue.code === 'invalid_type' && /received undefined/.test(issue.message);

/** The problem `issue` names, without where it is (the caller says which field or key). */
export function issueText(issue: z.core.$ZodIssue): string {
  if (ownMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? '缺少此项 (missing)' : `应为${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `至少 ${issue.minimum} 个字 (at least ${issue.minimum} characters)`
        : issue.origin === 'array'
          ? `至少 ${issue.minimum} 项 (at least ${issue.minimum} items)`
          : `不能小于 ${issue.minimum} (at least ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'string'
        ? `最多 ${issue.maximum} 个字 (at most ${issue.maximum} characters)`
        : issue.origin === 'array'
          ? `最多 ${issue.maximum} 项 (at most ${issue.maximum} items)`
          : `不能大于 ${issue.maximum} (at most ${issue.maximum})`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => String(v)).join('、')} 之一 (one of these)`;
    case 'unrecognized_keys':
      return `未知的键 ${issue.keys.join('、')} (unknown keys)`;
    case 'invalid_format':
      return `格式有误 (bad format)`;
    default:
      return '取值或类型有误 (invalid value)';
  }
}

/** Where an issue is, as the input names it: `text.overview`, or the top level. */
export const issuePath = (issue: z.core.$ZodIssue): string =>
  issue.path.length ? issue.path.join('.') : '(顶层 top level)';

/**
 * Why a text is not JSON, in words: where the parser stopped (its position, when the engine says),
 * not the engine's English ("Unexpected token } in JSON at position 5").
 */
export function jsonSyntaxText(e: unknown): string {
  const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
  return `不是有效的 JSON (not valid JSON)${at === undefined ? '' : `：第 ${Number(at) + 1} 个字符附近有误 (near character ${Number(at) + 1})`}`;
}
