import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { ProgressBar } from './progress.js';

describe('the progress bar', () => {
  it('shows done/total, percent, reports per second and time left, within the terminal width', () => {
    let now = 0;
    const bar = new ProgressBar(
      () => undefined,
      () => 60,
      () => now,
    );
    bar.setTotal(1000);
    now = 2000;
    bar.update(250);
    const line = bar.line();
    assert.match(line, /250\/1000 25%/);
    assert.match(line, /125 份\/秒/);
    assert.match(line, /剩余 0:06/);
    assert.ok(stringWidth(line) <= 60, line);
  });

  it('without a total yet, counts files and speed only', () => {
    let now = 0;
    const bar = new ProgressBar(
      () => undefined,
      () => 80,
      () => now,
    );
    now = 1000;
    bar.update(5);
    assert.equal(bar.line(), '检查中 5 份 · 5.0 份/秒');
  });

  it('redraws at most ten times a second, and clear() erases the line', () => {
    let now = 0;
    const writes: string[] = [];
    const bar = new ProgressBar(
      (t) => writes.push(t),
      () => 80,
      () => now,
    );
    for (let i = 1; i <= 100; i++) {
      now = i * 10; // 100 updates over one second
      bar.update(i);
    }
    assert.ok(writes.length >= 9 && writes.length <= 11, String(writes.length));
    assert.ok(writes.every((w) => w.startsWith('\r\x1b[K检查中')));
    bar.clear();
    assert.equal(writes.at(-1), '\r\x1b[K');
    const count = writes.length;
    bar.clear();
    assert.equal(writes.length, count, 'nothing to erase twice');
  });
});
