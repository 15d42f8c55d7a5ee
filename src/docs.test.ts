/** The documentation names what the code does: every rule as the catalogue has it, every command. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { documentedRuleRows, ruleRows } from '../scripts/update-rules-doc.js';
import { RENDER_TARGETS } from './documents/render.js';
import { RULE_IDS } from './domain/report/validation/rule-catalogue.js';
import { gongkai } from './test-support/run-cli.js';

/** The command names a help page lists under "Commands:" (without `help`). */
function commandsOf(help: string): string[] {
  const list = help.slice(help.indexOf('Commands:'));
  return [...list.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

const doc = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');

describe('documentation in step with the code', () => {
  it('lists every rule id in docs/report-rules.md', () => {
    const text = doc('report-rules.md');
    for (const id of RULE_IDS) assert.ok(text.includes(`\`${id}\``), `docs/report-rules.md lacks ${id}`);
  });

  it('has the rule table of docs/report-rules.md exactly as the catalogue says (run scripts/update-rules-doc.ts)', () => {
    assert.equal(documentedRuleRows(doc('report-rules.md')), ruleRows());
  });

  it('documents every command of the command line in docs/cli.md, under its full name', async () => {
    const text = doc('cli.md');
    const top = commandsOf((await gongkai('--help')).out);
    assert.ok(top.includes('report') && top.includes('calendar'), top.join());
    let documented = 0;
    for (const group of top) {
      const sub = commandsOf((await gongkai(group, '--help')).out);
      for (const name of sub.length > 0 ? sub.map((s) => `${group} ${s}`) : [group]) {
        assert.ok(text.includes(`gongkai ${name}`), `docs/cli.md lacks gongkai ${name}`);
        documented++;
      }
    }
    assert.ok(documented >= 20, `${documented} commands`);
  });

  it('documents every render target in docs/cli.md', () => {
    const text = doc('cli.md');
    assert.ok(text.includes(`--to ${RENDER_TARGETS.join('|')}`));
  });
});
