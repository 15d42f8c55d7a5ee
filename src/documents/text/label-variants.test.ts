import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generate } from '../../../scripts/generate-traditional-labels.js';
import { labelKey } from '../label-key.js';
import { labelVariants, variantIndex } from './label-variants.js';

describe('labels as agencies print them', () => {
  it('knows the traditional form and the bare form of a row label', () => {
    const variants = labelVariants('1.属于国家秘密');
    assert.ok(variants.includes(labelKey('1.屬於國家秘密')));
    assert.ok(variants.includes(labelKey('属于国家秘密')));
    assert.ok(variants.includes(labelKey('屬於國家秘密')));
  });

  it('drops a bare form that another label owns (3.其他 → 其他 is the column header)', () => {
    const index = variantIndex(['3.其他', '其他', '（七）总计', '总计']);
    assert.equal(index.get('其他'), '其他');
    assert.equal(index.get('总计'), '总计');
    assert.equal(index.get(labelKey('3.其他')), labelKey('3.其他'));
  });

  it('keeps the generated traditional forms in step with the labels (run the generator if this fails)', () => {
    const committed = readFileSync(new URL('./traditional-labels.generated.ts', import.meta.url), 'utf8');
    assert.equal(committed, generate());
  });
});
