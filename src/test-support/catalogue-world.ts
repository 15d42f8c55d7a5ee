/**
 * @module For the portal's tests: the township of a web world with an agency code, its liaison and
 * approver, and 规范性文件 drafted and published through the catalogue's use cases. For tests only.
 */
import assert from 'node:assert/strict';
import { draftItem, publishItem } from '../catalogue/index.js';
import type { Actor, Role } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { staffActor } from './staff-actor.js';
import type { WebWorld } from './web-world.js';

export const TOWNSHIP_CODE = '000014349';

/** A user of the township with these roles. */
export const townshipActor = (w: WebWorld, roles: Role[]): Actor =>
  staffActor(roles.join(','), roles, w.township);

export function okValue<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

/** Gives the township its code (the {org} of its 索引号). */
export async function withTownshipCode(w: WebWorld): Promise<void> {
  await w.storage.db
    .updateTable('agencies')
    .set({ code: TOWNSHIP_CODE })
    .where('id', '=', w.township)
    .execute();
}

/** Drafts a 规范性文件 of the township under each title; publishes those with `publish`. Their ids. */
export async function townshipDocuments(
  w: WebWorld,
  titles: readonly string[],
  options: { readonly today: LocalDate; readonly publish?: boolean },
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, title] of titles.entries()) {
    const drafted = okValue(
      await draftItem(
        w.storage,
        townshipActor(w, ['liaison']),
        {
          agencyId: w.township,
          title,
          publisher: '城关镇人民政府',
          writtenOn: '2024-03-01' as LocalDate,
          docNumber: `城政规〔2024〕${i + 1}号`,
          topic: '城乡建设',
          body: '第一条 为了加强农村宅基地管理。\n第二条 本规定自发布之日起施行。',
          kind: '规范性文件',
        },
        { today: options.today },
      ),
    );
    if (options.publish !== false)
      okValue(
        await publishItem(w.storage, townshipActor(w, ['approver']), drafted.id, { today: options.today }),
      );
    ids.push(drafted.id);
  }
  return ids;
}
