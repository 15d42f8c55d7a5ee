/**
 * The server's configuration: environment variables over gongkai.config.json over the defaults, one
 * setting at a time (a nested one too); a key the file does not know, a bad value in it or in the
 * environment, and a named file that is missing are refused with the key's or variable's name.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from './config.js';

describe('loadConfig', () => {
  let dir: string;
  let n = 0;
  /** A config file holding `json` (text as is, anything else as JSON). */
  const file = (json: unknown): string => {
    const path = join(dir, `config-${++n}.json`);
    writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
    return path;
  };
  const missing = () => join(dir, 'no-such-config.json');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the defaults with no file and no variables', () => {
    const path = file({});
    assert.deepEqual(loadConfig({}, path), DEFAULT_CONFIG);
  });

  it('takes the environment over the file over the defaults, nested settings merged key by key', () => {
    const path = file({ host: '0.0.0.0', port: 8080, session: { idleMinutes: 60 }, log: false });
    const fromFile = loadConfig({}, path);
    assert.equal(fromFile.host, '0.0.0.0');
    assert.equal(fromFile.port, 8080);
    assert.deepEqual(fromFile.session, {
      idleMinutes: 60,
      absoluteHours: DEFAULT_CONFIG.session.absoluteHours,
    });
    assert.equal(fromFile.log, false);
    assert.equal(fromFile.database, DEFAULT_CONFIG.database, 'what the file leaves out stays the default');

    const both = loadConfig(
      {
        GONGKAI_PORT: '9090',
        GONGKAI_SESSION_HOURS: '4',
        GONGKAI_LOG: '1',
        DATABASE_URL: 'postgres://db.example/gongkai',
        GONGKAI_ADMIN_PASSWORD: 'Admin-pass-2026',
      },
      path,
    );
    assert.equal(both.port, 9090, 'the variable over the file');
    assert.equal(both.host, '0.0.0.0', 'the file where no variable is set');
    assert.deepEqual(both.session, { idleMinutes: 60, absoluteHours: 4 });
    assert.equal(both.log, true);
    assert.equal(both.database, 'postgres://db.example/gongkai');
    assert.equal(both.adminPassword, 'Admin-pass-2026');
    assert.equal(loadConfig({ GONGKAI_PORT: '  ' }, path).port, 8080, 'a blank variable counts as unset');
  });

  it('reads the file GONGKAI_CONFIG names', () => {
    assert.equal(loadConfig({ GONGKAI_CONFIG: file({ port: 4321 }) }).port, 4321);
  });

  it('refuses a key the file does not know, with its name', () => {
    assert.throws(
      () => loadConfig({}, file({ port: 3000, databse: 'x.db' })),
      (e: unknown) => e instanceof ConfigError && /databse/.test(e.message),
    );
    assert.throws(
      () => loadConfig({}, file({ session: { idle: 5 } })),
      (e: unknown) => e instanceof ConfigError && /session/.test(e.message) && /idle/.test(e.message),
    );
  });

  it('refuses a bad value in the file or the environment, naming the key or the variable', () => {
    assert.throws(
      () => loadConfig({}, file({ port: 70000 })),
      (e: unknown) => e instanceof ConfigError && /port/.test(e.message),
    );
    assert.throws(
      () => loadConfig({}, file('{"port": 3000,')),
      (e: unknown) => e instanceof ConfigError && /不是有效的 JSON/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ GONGKAI_PORT: 'abc' }, file({})),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('GONGKAI_PORT=abc'),
    );
    assert.throws(
      () => loadConfig({ GONGKAI_LOG: 'yes' }, file({})),
      (e: unknown) => e instanceof ConfigError && /GONGKAI_LOG/.test(e.message),
    );
  });

  it('refuses a named file that does not exist', () => {
    assert.throws(
      () => loadConfig({}, missing()),
      (e: unknown) => e instanceof ConfigError && /配置文件不存在/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ GONGKAI_CONFIG: missing() }),
      (e: unknown) => e instanceof ConfigError && /no-such-config/.test(e.message),
    );
  });
});
