/**
 * The public catalogue browsed by 栏目 and by 主题分类 (issue 11, item 2): `/catalogue?column=…&topic=…`
 * shows the column tree as navigation with counts (the column asked marked as the current page), the
 * topics of what is listed, and keeps the query in its links; an item's page shows 栏目, 关键词 and
 * 公开方式 in its metadata table; a 依申请公开 item is listed but its body is not shown; a 不予公开 one is
 * not there; an unknown or malformed column, or a topic no 主题分类 could be, is a page that says so (404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addColumn, draftItem, publishItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { StoredParticulars } from '../../domain/catalogue/catalogue-item.js';
import { okValue, townshipActor, withTownshipCode } from '../../test-support/catalogue-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const today = '2024-04-01' as LocalDate;

describe('browsing the public catalogue by column and 主题分类', () => {
  let w: WebWorld;
  const ids: Record<string, string> = {};
  let own = '';
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    okValue(
      await addColumn(
        w.storage,
        townshipActor(w, ['admin']),
        { agencyId: w.township, parentId: 'jczwgk-06', name: '村庄规划<b>' },
        { today },
      ),
    );
    own = `zdy-${w.township}-1`;
    const publish = async (key: string, p: Partial<StoredParticulars>) => {
      const drafted = okValue(
        await draftItem(
          w.storage,
          townshipActor(w, ['liaison']),
          {
            agencyId: w.township,
            title: `${key}的通知`,
            publisher: '城关镇人民政府',
            writtenOn: '2024-03-01' as LocalDate,
            docNumber: '',
            topic: '城乡建设',
            body: `${key}的正文`,
            kind: 'other',
            ...p,
          },
          { today },
        ),
      );
      okValue(await publishItem(w.storage, townshipActor(w, ['approver']), drafted.id, { today }));
      ids[key] = drafted.id;
    };
    await publish('规划公示', { column: 'jczwgk-06', keywords: ['规划', '公示'] });
    await publish('村庄规划', { column: own, topic: '农业农村' });
    await publish('预算公开', { column: 'fdzdgknr-07', topic: '财政 & 审计' });
    await publish('审批台账', {
      column: 'jczwgk-06',
      disclosure: '依申请公开',
      disclosureReason: '含个人信息',
    });
    await publish('信访材料', { column: 'jczwgk-06', disclosure: '不予公开', disclosureReason: '个人隐私' });
  });
  after(() => w.close());

  it('shows the township’s tree with counts, its own column among the standard ones', async () => {
    const res = await w.get(`/catalogue?agency=${w.township}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<nav class="column-nav" aria-label="按栏目浏览">/);
    assert.match(html, /法定主动公开内容 <span class="count">\(4\)<\/span>/);
    assert.match(html, /城乡规划 <span class="count">\(3\)<\/span>/, 'with its own column below it');
    assert.match(html, /村庄规划&lt;b&gt; <span class="count">\(1\)<\/span>/, 'escaped');
    assert.match(html, /财政预算决算 <span class="count">\(1\)<\/span>/);
    assert.match(html, new RegExp(`href="/catalogue\\?agency=${w.township}&amp;column=fdzdgknr-07"`));
    // 指南 and 年报 are pages of their own.
    assert.match(html, new RegExp(`<a href="/guide\\?agency=${w.township}">政府信息公开指南</a>`));
    assert.match(html, /<a href="\/reports">政府信息公开年报<\/a>/);
    assert.doesNotMatch(html, /信访材料/, 'a 不予公开 item is not listed');
    assert.match(html, /审批台账的通知<\/a><span class="hint">（依申请公开）<\/span>/);
  });

  it('lists a column with what is below it, marks it current and keeps it in the topic links', async () => {
    const html = await (await w.get(`/catalogue?agency=${w.township}&column=jczwgk-06`)).text();
    assert.match(html, /<h1>城乡规划<\/h1>/);
    assert.match(html, /共 3 条/);
    for (const key of ['规划公示', '村庄规划', '审批台账'])
      assert.match(html, new RegExp(`${key}的通知`), key);
    assert.doesNotMatch(html, /预算公开的通知/);
    assert.match(html, /aria-current="page">城乡规划/);
    assert.match(html, /法定主动公开内容 › 基层政务公开标准目录 › 城乡规划/);
    assert.match(
      html,
      new RegExp(
        `href="/catalogue\\?agency=${w.township}&amp;column=jczwgk-06&amp;topic=%E5%86%9C%E4%B8%9A%E5%86%9C%E6%9D%91"`,
      ),
      'the topic link keeps the column',
    );
  });

  it('narrows by 主题分类, alone or within a column, the query in the URL', async () => {
    const topic = encodeURIComponent('财政 & 审计');
    const html = await (await w.get(`/catalogue?agency=${w.township}&topic=${topic}`)).text();
    assert.match(html, /共 1 条/);
    assert.match(html, /预算公开的通知/);
    assert.match(html, /主题分类：财政 &amp; 审计/);
    const both = await (
      await w.get(`/catalogue?agency=${w.township}&column=jczwgk-06&topic=${topic}`)
    ).text();
    assert.match(both, /该栏目（或主题分类）中尚无已发布的政府信息/);
  });

  it('browses the whole site by the standard tree, the township’s own column counted under its parent', async () => {
    const html = await (await w.get('/catalogue?column=jczwgk-06')).text();
    assert.match(html, /共 3 条/);
    assert.match(html, /城乡规划 <span class="count">\(3\)<\/span>/);
    assert.doesNotMatch(html, /村庄规划&lt;b&gt; <span/, 'an agency’s own columns are its own page’s');
  });

  it('answers an unknown or malformed column, or an impossible topic, with a page that says so', async () => {
    for (const q of ['column=zdy-999-1', 'column=..%2Fetc', 'column=FDZDGKNR', `topic=${'长'.repeat(51)}`]) {
      const res = await w.get(`/catalogue?agency=${w.township}&${q}`);
      assert.equal(res.status, 404, q);
      assert.match(await res.text(), /返回目录/);
    }
  });

  it('shows 栏目, 关键词 and 公开方式 in the item’s metadata table; a 依申请公开 body is withheld', async () => {
    const html = await (await w.get(`/catalogue/${ids.规划公示}`)).text();
    assert.match(
      html,
      /<th scope="row">栏目<\/th><td>法定主动公开内容 › 基层政务公开标准目录 › 城乡规划<\/td>/,
    );
    assert.match(html, /<th scope="row">关键词<\/th><td>规划；公示<\/td>/);
    assert.match(html, /<th scope="row">公开方式<\/th><td>主动公开<\/td>/);
    assert.match(html, /规划公示的正文/);
    const onRequest = await (await w.get(`/catalogue/${ids.审批台账}`)).text();
    assert.match(onRequest, /<th scope="row">公开方式<\/th><td>依申请公开（含个人信息）<\/td>/);
    assert.doesNotMatch(onRequest, /审批台账的正文/);
    assert.match(onRequest, /<a href="\/apply">提出政府信息公开申请<\/a>/);
    assert.equal((await w.get(`/catalogue/${ids.信访材料}`)).status, 404);
  });
});
