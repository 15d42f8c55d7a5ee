/** The documentation names what the code does: every rule id, every command. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RENDER_TARGETS } from './documents/render.js';
import { RULE_IDS } from './domain/report/validation/rule-catalogue.js';

const doc = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');

describe('documentation in step with the code', () => {
  it('lists every rule id in docs/report-rules.md', () => {
    const text = doc('report-rules.md');
    for (const id of RULE_IDS) assert.ok(text.includes(`\`${id}\``), `docs/report-rules.md lacks ${id}`);
  });

  it('documents every render target in docs/cli.md', () => {
    const text = doc('cli.md');
    assert.ok(text.includes(`--to ${RENDER_TARGETS.join('|')}`));
  });
});
