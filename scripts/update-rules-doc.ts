/**
 * Rewrites the rule table of docs/report-rules.md from the rule catalogue, so the page lists exactly
 * the rules the code checks. Usage: node --import tsx scripts/update-rules-doc.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../src/domain/report/validation/rule-catalogue.js';

const PATH = new URL('../docs/report-rules.md', import.meta.url);
const HEADER = '| id | severity | rule | basis |\n|---|---|---|---|\n';

/** The rule table's rows, one per rule of the catalogue, as docs/report-rules.md prints them. */
export function ruleRows(): string {
  return Object.entries(RULES)
    .map(([id, r]) => `| \`${id}\` | ${r.severity} | ${r.title}<br>${r.titleEn} | ${r.basis} |`)
    .join('\n');
}

/** The rows as docs/report-rules.md has them now. */
export function documentedRuleRows(doc: string): string {
  const start = doc.indexOf(HEADER) + HEADER.length;
  return doc.slice(start, doc.indexOf('\n\n', start));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = readFileSync(PATH, 'utf8');
  const start = doc.indexOf(HEADER) + HEADER.length;
  const end = doc.indexOf('\n\n', start);
  writeFileSync(PATH, `${doc.slice(0, start)}${ruleRows()}${doc.slice(end)}`);
  console.log(`${Object.keys(RULES).length} rules written to docs/report-rules.md`);
}
