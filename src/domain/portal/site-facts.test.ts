/** The footer facts of a government site (portal.md §1.3): what must be there, and the forms portals print. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSiteFacts, type SiteFacts } from './site-facts.js';

const pingtan: SiteFacts = {
  siteName: '平潭综合实验区管委会',
  sponsor: '平潭综合实验区管委会办公室',
  contact: '福建省平潭综合实验区 电话：0591-00000000',
  siteCode: '3590000001',
  icp: '闽ICP备09032658号',
};

describe('a site’s footer facts', () => {
  it('takes the forms live portals print, with no problem', () => {
    assert.deepEqual(checkSiteFacts(pingtan), []);
    assert.deepEqual(checkSiteFacts({ ...pingtan, siteCode: 'bm29000002', icp: '粤ICP备20001927号-1' }), []);
    assert.deepEqual(
      checkSiteFacts({
        ...pingtan,
        siteCode: '5109030018',
        icp: '蜀ICP备10014763号',
        publicSecurity: '川公网安备51090302000210号',
      }),
      [],
    );
  });

  it('calls a missing required fact an error, naming it in Chinese', () => {
    const problems = checkSiteFacts({ ...pingtan, icp: ' ', sponsor: undefined as unknown as string });
    assert.deepEqual(
      problems.map((p) => [p.field, p.severity]),
      [
        ['sponsor', 'error'],
        ['icp', 'error'],
      ],
    );
    assert.match(problems[0]!.message, /^请填写网站主办单位/);
  });

  it('warns, never refuses, on a form portals do not use: the formats are observed, not a national text', () => {
    const problems = checkSiteFacts({
      ...pingtan,
      siteCode: '310000000044',
      icp: 'ICP备123号',
      publicSecurity: '公安备案号35012899001-19002',
    });
    assert.deepEqual(
      problems.map((p) => [p.field, p.severity]),
      [
        ['siteCode', 'warning'],
        ['icp', 'warning'],
        ['publicSecurity', 'warning'],
      ],
    );
  });

  it('warns when the public-security number is of another province than the site code', () => {
    const problems = checkSiteFacts({ ...pingtan, publicSecurity: '川公网安备51090302000210号' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /不在同一省份/);
  });
});
