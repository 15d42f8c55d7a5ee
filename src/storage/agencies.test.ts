import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, withStorage } from './test-dialects.js';

for (const dialect of DIALECTS) {
  describe(`agencies on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('keeps a four-level hierarchy and finds every subtree', () =>
      withStorage(dialect, async (storage) => {
        const { agencies } = storage;
        const province = await agencies.add({ name: '福建省', kind: '省', code: '11350000003591037R' });
        const fuzhou = await agencies.add({ name: '福州市', kind: '市', parentId: province.id });
        const xiamen = await agencies.add({ name: '厦门市', kind: '市', parentId: province.id });
        const pingtan = await agencies.add({ name: '平潭县', kind: '区县', parentId: fuzhou.id });
        const minhou = await agencies.add({ name: '闽侯县', kind: '区县', parentId: fuzhou.id });
        const town = await agencies.add({ name: '潭城镇', kind: '乡镇/街道', parentId: pingtan.id });
        const bureau = await agencies.add({ name: '平潭县财政局', kind: '部门', parentId: pingtan.id });
        const other = await agencies.add({ name: '浙江省', kind: '省' });

        assert.deepEqual(await agencies.subtreeIds(province.id), [
          province.id,
          fuzhou.id,
          xiamen.id,
          pingtan.id,
          minhou.id,
          town.id,
          bureau.id,
        ]);
        assert.deepEqual(await agencies.subtreeIds(fuzhou.id), [
          fuzhou.id,
          pingtan.id,
          minhou.id,
          town.id,
          bureau.id,
        ]);
        assert.deepEqual(await agencies.subtreeIds(pingtan.id), [pingtan.id, town.id, bureau.id]);
        assert.deepEqual(await agencies.subtreeIds(town.id), [town.id]);
        assert.deepEqual(await agencies.subtreeIds(other.id), [other.id]);
        assert.deepEqual(await agencies.subtreeIds(9999), []);

        assert.deepEqual(
          (await agencies.children(pingtan.id)).map((a) => [a.name, a.kind]),
          [
            ['潭城镇', '乡镇/街道'],
            ['平潭县财政局', '部门'],
          ],
        );
        assert.deepEqual(
          (await agencies.roots()).map((a) => a.name),
          ['福建省', '浙江省'],
        );
        assert.equal((await agencies.byCode('11350000003591037R'))?.id, province.id);
        assert.deepEqual(await agencies.get(town.id), {
          id: town.id,
          name: '潭城镇',
          code: null,
          parentId: pingtan.id,
          kind: '乡镇/街道',
          createdAt: town.createdAt,
        });
      }));

    it('refuses an unknown parent and a taken code', () =>
      withStorage(dialect, async (storage) => {
        await storage.agencies.add({ name: '甲', kind: '省', code: 'A' });
        await assert.rejects(storage.agencies.add({ name: '乙', kind: '省', code: 'A' }), /unique/i);
        await assert.rejects(
          storage.agencies.add({ name: '丙', kind: '市', parentId: 4242 }),
          /foreign key/i,
        );
        // Codes are optional: many agencies without one.
        await storage.agencies.add({ name: '丁', kind: '部门' });
        await storage.agencies.add({ name: '戊', kind: '部门' });
        assert.equal((await storage.agencies.roots()).length, 3);
      }));
  });
}
