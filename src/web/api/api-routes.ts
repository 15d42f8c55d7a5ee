/**
 * @module The JSON API (/api/v1/…), modelled on the command line: `POST /requests` takes the options of
 * `requests add` as keys, `POST /requests/{id}/events` those of `requests record`, `GET /requests/{id}`
 * answers what `requests show --json` prints and `GET /requests?agency=ID` what `requests list --json`
 * prints (the presenters are the same). Each route is a pipeline: the schema checks the input, the use
 * case asks the policy table and decides, the presenter shapes the answer. Errors are
 * `{"error":{"code","message"}}` with the refusal's stable code (and `fields` for input problems). The
 * OpenAPI 3.1 document at /api/openapi.json is generated from these same schemas.
 */

import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { isMissing, issueText } from '../../documents/json/issue-text.js';
import { renderJson } from '../../documents/json/report-json.js';
import {
  buildAnnualReport,
  correctParticulars,
  intakeRequest,
  listRequests,
  parseRegisterDate,
  recordRequestEvent,
  viewRequest,
  voidRequestEvent,
} from '../../ledger/index.js';
import { listJson, recordedJson, viewJson } from '../../present/request-view.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { CorrectionBodySchema, correctionInputOf } from '../correction-body.js';
import { EventBodySchema, eventInputOf } from '../event-body.js';
import { IntakeBodySchema, intakeInputOf } from '../intake-body.js';
import { ERRORS, invalid, json, positiveId, refusal, serve } from './api-shared.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { publicRequestRoutes } from './public-request-routes.js';
import { publicSearchRoutes } from './public-search-routes.js';

const IdParam = z.object({ id: z.string().min(1).max(64).describe('申请编号') });
const AsOfQuery = z.object({ asOf: z.string().optional().describe('查询日期，默认今天（北京时间）') });

const StatusShape = {
  state: z.string(),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  workingDaysLeft: z.number().nullable(),
  applicantDueBy: z.string().nullable(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  answeredLate: z.boolean().nullable(),
};

const RequestViewSchema = z
  .object({
    id: z.string(),
    agency: z.object({ id: z.number(), name: z.string() }),
    externalRef: z.string().nullable(),
    applicant: z.object({ name: z.string(), kind: z.string(), type: z.string() }),
    channel: z.string(),
    content: z.string(),
    receivedOn: z.string(),
    asOf: z.string(),
    ...StatusShape,
    deadline: z.object({ lines: z.array(z.string()) }).passthrough(),
    history: z.array(
      z.object({ seq: z.number(), at: z.string(), kind: z.string(), label: z.string() }).passthrough(),
    ),
  })
  .passthrough()
  .describe('requests show --json');

const RequestListSchema = z
  .object({
    agency: z.object({ id: z.number(), name: z.string() }),
    agencies: z.array(z.number()),
    asOf: z.string(),
    open: z.boolean(),
    requests: z.array(
      z
        .object({
          id: z.string(),
          agencyId: z.number(),
          agencyName: z.string(),
          receivedOn: z.string(),
          ...StatusShape,
        })
        .passthrough(),
    ),
    excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
  })
  .describe('requests list --json');

const RecordedSchema = z
  .object({
    id: z.string(),
    seq: z.number(),
    kind: z.string(),
    at: z.string(),
    state: z.string(),
    stateLabel: z.string(),
    dueDate: z.string().nullable(),
  })
  .describe('requests record --json');

function asOfOf(c: AppContext, text: string | undefined) {
  if (text === undefined || text === '') return { ok: true as const, value: undefined };
  const d = parseRegisterDate(text, '查询日期 asOf');
  return d.ok
    ? { ok: true as const, value: d.value }
    : { ok: false as const, response: invalid(c, { asOf: d.reason }) };
}

const listRoute = createRoute({
  method: 'get',
  path: '/v1/requests',
  summary: '列出机关（含下级机关）的申请及答复期限（requests list --json）',
  request: {
    query: z.object({
      agency: z.string().optional().describe('机关编号；默认为本人所在机关'),
      open: z.enum(['true', 'false', '1', '0']).optional().describe('只列未办结的申请，按答复期限排序'),
      year: z.string().optional().describe('只列该年收到的申请'),
      asOf: z.string().optional().describe('查询日期，默认今天'),
    }),
  },
  responses: { 200: json(RequestListSchema, '申请列表'), ...ERRORS },
});

const createRequestRoute = createRoute({
  method: 'post',
  path: '/v1/requests',
  summary: '登记一件申请（requests add）',
  request: { body: { content: { 'application/json': { schema: IntakeBodySchema } }, required: true } },
  responses: {
    201: json(z.object({ id: z.string() }), '已登记'),
    200: json(
      z.object({ id: z.string(), status: z.literal('duplicate') }),
      '本机关登记编号已登记过，未重复登记',
    ),
    ...ERRORS,
  },
});

const showRoute = createRoute({
  method: 'get',
  path: '/v1/requests/{id}',
  summary: '一件申请：状态、答复期限及其计算、办理记录（requests show --json）',
  request: { params: IdParam, query: AsOfQuery },
  responses: { 200: json(RequestViewSchema, '申请'), ...ERRORS },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/v1/requests/{id}/events',
  summary: '记录办理事件（requests record），如 {"event":"decided","on":"2025-03-20","outcome":"部分公开"}',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: EventBodySchema } }, required: true },
  },
  responses: { 201: json(RecordedSchema, '已记录'), ...ERRORS },
});

const VoidBodySchema = z
  .object({
    seq: z.number().int().positive().describe('要作废的办理记录序号（requests show 所列）'),
    reason: z.string().min(1).describe('作废理由'),
    confirmCompletedYear: z.boolean().optional().describe('确认更正已标记完成的年度报告的数字'),
  })
  .describe('requests void ID SEQ --reason TEXT');

const voidRoute = createRoute({
  method: 'post',
  path: '/v1/requests/{id}/voids',
  summary: '作废一条办理记录（更正；requests void），原记录保留',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: VoidBodySchema } }, required: true },
  },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        seq: z.number(),
        voids: z.number(),
        reopened: z.boolean(),
        completedYears: z.array(z.number()),
      }),
      '已作废',
    ),
    ...ERRORS,
  },
});

const correctionRoute = createRoute({
  method: 'post',
  path: '/v1/requests/{id}/corrections',
  summary: '更正申请信息（requests correct）：申请人姓名或名称、类型、渠道、收到申请之日，原值保留',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: CorrectionBodySchema } }, required: true },
  },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        seq: z.number(),
        changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
        completedYears: z.array(z.number()),
      }),
      '已更正',
    ),
    ...ERRORS,
  },
});

const reportRoute = createRoute({
  method: 'get',
  path: '/v1/agencies/{agency}/reports/{year}',
  summary: '由申请台账生成机关的年度报告 JSON（report build --json）',
  request: {
    params: z.object({ agency: z.string().describe('机关编号'), year: z.string().describe('报告年度') }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({}).passthrough() } },
      description: '年度报告 JSON（docs/report-json.md）',
    },
    ...ERRORS,
  },
});

/** The API under /api: its routes and the OpenAPI document. Mounted behind the authentication middleware. */
export function apiRoutes(deps: WebDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? 'body');
        fields[key] ??= isMissing(issue) ? `缺少 ${key} (${key} is required)` : `${key}：${issueText(issue)}`;
      }
      return invalid(c as AppContext, fields);
    },
  });
  const { storage } = deps;
  const actorOf = (c: AppContext) => c.get('auth')!.actor;

  serve(api, listRoute, async (c) => {
    const q = c.req.valid('query');
    const actor = actorOf(c);
    const agencyId = q.agency === undefined ? actor.agencyId : positiveId(q.agency);
    if (agencyId === undefined) return invalid(c, { agency: '机关编号应为正整数 (a positive integer)' });
    const year = q.year === undefined ? undefined : Number(q.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
      return invalid(c, { year: '年度应为 2000 至 2100 之间的整数 (a year)' });
    const asOf = asOfOf(c, q.asOf);
    if (!asOf.ok) return asOf.response;
    const listed = await listRequests(storage, actor, agencyId, {
      open: q.open === 'true' || q.open === '1',
      ...(year !== undefined ? { year } : {}),
      ...(asOf.value ? { asOf: asOf.value } : {}),
    });
    if (!listed.ok) return refusal(c, listed.error);
    return c.json(listJson(listed.value), 200);
  });

  serve(api, createRequestRoute, async (c) => {
    const actor = actorOf(c);
    const input = intakeInputOf(c.req.valid('json'), actor.agencyId);
    if (!input.ok) return invalid(c, input.errors);
    const result = await intakeRequest(storage, actor, input.value);
    if (!result.ok) return refusal(c, result.error, 'event');
    if (result.value.status === 'duplicate')
      return c.json({ id: result.value.id, status: 'duplicate' as const }, 200);
    return c.json({ id: result.value.id }, 201);
  });

  serve(api, showRoute, async (c) => {
    const asOf = asOfOf(c, c.req.valid('query').asOf);
    if (!asOf.ok) return asOf.response;
    const viewed = await viewRequest(
      storage,
      actorOf(c),
      c.req.valid('param').id,
      asOf.value ? { asOf: asOf.value } : {},
    );
    if (!viewed.ok) return refusal(c, viewed.error);
    return c.json(viewJson(viewed.value), 200);
  });

  serve(api, recordRoute, async (c) => {
    const actor = actorOf(c);
    const input = eventInputOf(c.req.valid('json'));
    if (!input.ok) return invalid(c, input.errors);
    const id = c.req.valid('param').id;
    const recorded = await recordRequestEvent(storage, actor, id, input.value);
    if (!recorded.ok) return refusal(c, recorded.error, 'event');
    const viewed = await viewRequest(storage, actor, id);
    if (!viewed.ok) return refusal(c, viewed.error);
    return c.json(recordedJson(recorded.value, viewed.value), 201);
  });

  serve(api, voidRoute, async (c) => {
    const id = c.req.valid('param').id;
    const { seq, reason, confirmCompletedYear } = c.req.valid('json');
    const voided = await voidRequestEvent(storage, actorOf(c), id, seq, reason, {
      confirmCompletedYear: confirmCompletedYear === true,
    });
    if (!voided.ok) return refusal(c, voided.error, 'seq');
    return c.json({ id, ...voided.value }, 201);
  });

  serve(api, correctionRoute, async (c) => {
    const id = c.req.valid('param').id;
    const input = correctionInputOf(c.req.valid('json'));
    if (!input.ok) return invalid(c, input.errors);
    const { wanted, reason, confirmCompletedYear } = input.value;
    const corrected = await correctParticulars(storage, actorOf(c), id, wanted, reason, {
      confirmCompletedYear,
    });
    if (!corrected.ok) return refusal(c, corrected.error, 'event');
    return c.json({ id, ...corrected.value }, 201);
  });

  serve(api, reportRoute, async (c) => {
    const { agency, year } = c.req.valid('param');
    const agencyId = positiveId(agency);
    if (agencyId === undefined) return invalid(c, { agency: '机关编号应为正整数 (a positive integer)' });
    const built = await buildAnnualReport(storage, actorOf(c), agencyId, Number(year));
    if (!built.ok) return refusal(c, built.error);
    return c.body(renderJson(built.value.report), 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  catalogueRoutes(api, deps);
  publicRequestRoutes(api, deps);
  publicSearchRoutes(api, deps);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'API 令牌：gongkai users token NAME',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'gk_session',
    description: '登录后的会话；修改数据的请求须带 X-CSRF-Token 头',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '政府信息公开工作平台 API (Gongkai)',
      version: '1',
      description:
        '依申请公开台账的接口，与命令行 gongkai requests 的选项和 JSON 一致；政府信息公开目录的起草、发布、废止（/v1/catalogue/items）；无需登录的公开接口在 /v1/public/ 下（网上申请及其查询）。',
    },
    security: [{ bearer: [] }, { session: [] }],
  });
  return api;
}
