/**
 * @module The catalogue's staff API (issue 11's contract): `POST /api/v1/catalogue/items` (a liaison or
 * handler drafts; 201 `{"id", "indexNumber"}`, indexNumber null until published), `POST
 * …/items/{id}/publish` (an approver; 200 with the item, its 索引号 issued), `POST …/items/{id}/repeal`
 * `{"on"}` (an approver; 200 with the item, 有效性 已废止), and `GET …/items/{id}`. The draft's 栏目 (column), 关键词 (keywords) and 公开方式 (disclosure,
 * disclosureReason) are optional, so the issue's contract works unchanged: left out, a 规章 or 规范性文件
 * goes in fdzdgknr-01, anything else in fdzdgknr, with no keywords, 主动公开. Each route is a
 * pipeline like the others: the schema checks the body, the use case asks the policy table (an item
 * of another agency is 404, like any record the actor cannot see), the presenter shapes the answer.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { draftItem, type ItemView, publishItem, repealItem, viewItem } from '../../catalogue/index.js';
import { isLocalDate, type LocalDate } from '../../domain/calendar/local-date.js';
import {
  DISCLOSURE_MODES,
  ITEM_KINDS,
  ITEM_LIMITS,
  ITEM_STATUS_LABELS,
} from '../../domain/catalogue/catalogue-item.js';
import { COLUMN_ID } from '../../domain/catalogue/columns.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { text } from '../input-schema.js';
import { ERRORS, invalid, json, positiveId, refusal, serve } from './api-shared.js';

const date = (what: string) =>
  text.refine(isLocalDate, { message: `${what}应为 YYYY-MM-DD 格式的真实日期 (a date YYYY-MM-DD)` });

const DraftBodySchema = z
  .object({
    agency: z.union([z.number().int(), z.string()]).optional().describe('机关编号；默认为本人所在机关'),
    title: text.pipe(z.string().min(1).max(ITEM_LIMITS.title)).describe('名称'),
    publisher: text.pipe(z.string().min(1).max(ITEM_LIMITS.publisher)).describe('发布机构'),
    writtenOn: date('成文日期').describe('成文日期，如 2025-03-01'),
    docNumber: text.pipe(z.string().max(ITEM_LIMITS.docNumber)).optional().describe('文号；没有时可省略'),
    topic: text.pipe(z.string().min(1).max(ITEM_LIMITS.topic)).describe('主题分类'),
    body: z.string().min(1).max(ITEM_LIMITS.body).describe('正文'),
    kind: z.enum(ITEM_KINDS).describe('体裁：规范性文件、规章 或 other（其他信息）'),
    column: z
      .string()
      .regex(COLUMN_ID, { message: '栏目编号应为小写字母、数字和连字符（如 fdzdgknr-01）' })
      .optional()
      .describe(
        '栏目编号（可省略）：如 fdzdgknr-03（法定主动公开内容 › 规划计划）或本机关自设栏目 zdy-机关编号-序号。省略时，规章、规范性文件放入 fdzdgknr-01（条例第二十条第（一）项），其他信息放入 fdzdgknr（法定主动公开内容）',
      ),
    keywords: z
      .array(text.pipe(z.string().min(1).max(ITEM_LIMITS.keyword)))
      .max(ITEM_LIMITS.keywords)
      .optional()
      .describe(
        `关键词（主题词）（可省略）：至多 ${ITEM_LIMITS.keywords} 个，每个至多 ${ITEM_LIMITS.keyword} 字`,
      ),
    disclosure: z
      .enum(DISCLOSURE_MODES)
      .optional()
      .describe('公开方式（可省略，默认 主动公开）：主动公开、依申请公开 或 不予公开'),
    disclosureReason: text
      .pipe(z.string().max(ITEM_LIMITS.disclosureReason))
      .optional()
      .describe('不予公开（或依申请公开）的理由；不予公开时必填，主动公开时不填'),
  })
  .describe('起草一条目录信息');

const RepealBodySchema = z
  .object({
    on: date('废止日期').describe('废止日期（有效性自该日起为已废止）'),
    document: text
      .pipe(z.string().max(ITEM_LIMITS.document))
      .optional()
      .describe('据以废止的文件（名称或文号）'),
  })
  .describe('废止');

const PublishBodySchema = z
  .object({ on: date('发布日期').optional().describe('发布日期，默认今天（北京时间）') })
  .describe('发布');

const ItemSchema = z
  .object({
    id: z.string(),
    agencyId: z.number(),
    indexNumber: z.string().nullable().describe('索引号；发布前为 null'),
    title: z.string(),
    publisher: z.string(),
    writtenOn: z.string(),
    docNumber: z.string(),
    topic: z.string(),
    body: z.string(),
    kind: z.enum(ITEM_KINDS),
    column: z.string().describe('栏目编号'),
    keywords: z.array(z.string()).describe('关键词（主题词）'),
    disclosure: z.enum(DISCLOSURE_MODES).describe('公开方式'),
    disclosureReason: z.string().describe('不予公开（或依申请公开）的理由；主动公开时为空'),
    status: z.enum(['draft', 'submitted', 'published', 'withdrawn']),
    statusLabel: z.string(),
    publishedOn: z.string().nullable(),
    validity: z.enum(['有效', '已修改', '已废止']).describe('有效性'),
    amendments: z.array(z.object({ on: z.string(), document: z.string() })),
    repealed: z.object({ on: z.string(), document: z.string().nullable() }).nullable(),
    withdrawn: z.object({ on: z.string(), reason: z.string() }).nullable(),
  })
  .describe('目录信息');

/** The item as the API answers it. */
export function itemJson(view: ItemView) {
  const s = view.state;
  return {
    id: view.id,
    agencyId: view.agencyId,
    indexNumber: s.indexNumber ?? null,
    ...s.particulars,
    keywords: [...s.particulars.keywords],
    status: s.status,
    statusLabel: ITEM_STATUS_LABELS[s.status],
    publishedOn: s.publishedOn ?? null,
    validity: s.validity,
    amendments: s.amendments.map((a) => ({ on: a.on, document: a.document })),
    repealed: s.repealed ? { on: s.repealed.on, document: s.repealed.document ?? null } : null,
    withdrawn: s.withdrawn ? { on: s.withdrawn.on, reason: s.withdrawn.reason } : null,
  };
}

const ItemIdParam = z.object({ id: z.string().min(1).max(64).describe('目录信息编号') });

const draftRoute = createRoute({
  method: 'post',
  path: '/v1/catalogue/items',
  summary: '起草一条目录信息（联络员、经办人）；发布前没有索引号（indexNumber 为 null）',
  request: { body: { content: { 'application/json': { schema: DraftBodySchema } }, required: true } },
  responses: {
    201: json(z.object({ id: z.string(), indexNumber: z.string().nullable() }), '已起草'),
    ...ERRORS,
  },
});

const showRoute = createRoute({
  method: 'get',
  path: '/v1/catalogue/items/{id}',
  summary: '一条目录信息（本机关工作人员；含草稿）',
  request: { params: ItemIdParam },
  responses: { 200: json(ItemSchema, '目录信息'), ...ERRORS },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/v1/catalogue/items/{id}/publish',
  summary: '发布目录信息（审核人），按本机关的索引号格式赋予索引号，一经赋予不再变更',
  request: {
    params: ItemIdParam,
    body: { content: { 'application/json': { schema: PublishBodySchema } }, required: false },
  },
  responses: { 200: json(ItemSchema, '已发布'), ...ERRORS },
});

const repealRoute = createRoute({
  method: 'post',
  path: '/v1/catalogue/items/{id}/repeal',
  summary: '废止已发布的规章、规范性文件等（审核人）：有效性自 on 起为已废止',
  request: {
    params: ItemIdParam,
    body: { content: { 'application/json': { schema: RepealBodySchema } }, required: true },
  },
  responses: { 200: json(ItemSchema, '已废止'), ...ERRORS },
});

export function catalogueRoutes(api: OpenAPIHono<AppEnv>, deps: WebDeps): void {
  const { storage } = deps;
  const actorOf = (c: AppContext) => c.get('auth')!.actor;

  serve(api, draftRoute, async (c) => {
    const actor = actorOf(c);
    const { agency, docNumber, column, keywords, disclosure, disclosureReason, ...body } =
      c.req.valid('json');
    const agencyId = agency === undefined ? actor.agencyId : positiveId(String(agency));
    if (agencyId === undefined) return invalid(c, { agency: '机关编号应为正整数 (a positive integer)' });
    const drafted = await draftItem(storage, actor, {
      agencyId,
      ...body,
      writtenOn: body.writtenOn as LocalDate,
      docNumber: docNumber ?? '',
      // Left out, each takes the default draftItem documents (the contract of before stays whole).
      ...(column === undefined ? {} : { column }),
      ...(keywords === undefined ? {} : { keywords }),
      ...(disclosure === undefined ? {} : { disclosure }),
      ...(disclosureReason === undefined ? {} : { disclosureReason }),
    });
    if (!drafted.ok) return refusal(c, drafted.error, 'event');
    return c.json({ id: drafted.value.id, indexNumber: drafted.value.state.indexNumber ?? null }, 201);
  });

  serve(api, showRoute, async (c) => {
    const viewed = await viewItem(storage, actorOf(c), c.req.valid('param').id);
    if (!viewed.ok) return refusal(c, viewed.error);
    return c.json(itemJson(viewed.value), 200);
  });

  serve(api, publishRoute, async (c) => {
    // The body is optional ({"on"}); without one, publication is dated today.
    const body = c.req.valid('json') as { on?: string } | undefined;
    const on = body?.on as LocalDate | undefined;
    const published = await publishItem(storage, actorOf(c), c.req.valid('param').id, on ? { on } : {});
    if (!published.ok) return refusal(c, published.error, 'event');
    return c.json(itemJson(published.value), 200);
  });

  serve(api, repealRoute, async (c) => {
    const { on, document } = c.req.valid('json');
    const repealed = await repealItem(storage, actorOf(c), c.req.valid('param').id, {
      on: on as LocalDate,
      ...(document ? { document } : {}),
    });
    if (!repealed.ok) return refusal(c, repealed.error, 'event');
    return c.json(itemJson(repealed.value), 200);
  });
}
