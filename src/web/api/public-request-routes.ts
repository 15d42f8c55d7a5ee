/**
 * @module The public request API (issue 11's contract), for the government-service platforms that
 * forward requests; no sign-in. `POST /api/v1/public/requests` with `{"agency", "applicant", "type",
 * "idType", "idNumber", "contact", "content", "delivery", "idempotencyKey"}` → 201 `{"code", …}`: the
 * same key with the same contents again → the same code, nothing written twice (`"replayed": true`);
 * with other contents 409. `GET /api/v1/public/requests/{code}` → the state and the due date, never
 * the applicant's name, ID or contact. The route checks the shape; the use case checks Art. 29.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { FieldProblem } from '../../domain/requests/online-application.js';
import {
  lookupOnlineApplication,
  type PublicStanding,
  submitOnlineApplication,
  todayInChina,
} from '../../ledger/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { text } from '../input-schema.js';
import { ERRORS, ErrorSchema, invalid, json, refusal, serve } from './api-shared.js';

const ContactSchema = z
  .object({
    phone: text.optional().describe('联系电话'),
    email: text.optional().describe('电子邮箱'),
    address: text.optional().describe('通信地址（邮寄时必填）'),
    postcode: text.optional().describe('邮政编码'),
  })
  .describe('联系方式');

export const PublicRequestBodySchema = z
  .object({
    agency: z.union([z.number().int(), z.string()]).describe('受理机关：机关代码或机关编号'),
    applicant: text.optional().describe('申请人姓名或名称'),
    type: text
      .optional()
      .describe('申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他'),
    idType: text.optional().describe('身份证明类型：居民身份证、护照、……、统一社会信用代码、其他'),
    idNumber: text.optional().describe('身份证明号码（不写入日志，查询时不显示）'),
    contact: z
      .union([text, ContactSchema])
      .optional()
      .describe('联系方式：手机号码或电子邮箱（字符串），或 {phone, email, address, postcode}'),
    content: z.string().optional().describe('所需政府信息的名称、文号或者便于查询的其他特征性描述'),
    medium: text.optional().describe('载体形式：paper（纸质）或 electronic（电子，默认）'),
    delivery: text
      .optional()
      .describe('获取方式：post（邮寄）、email（电子邮件）、collect（当面领取）、online（网上获取）'),
    idempotencyKey: text.describe('幂等键：8–128 个可打印 ASCII 字符；同一键重复提交只产生一件申请'),
  })
  .describe('网上提交政府信息公开申请（条例第二十九条）');

const SubmittedSchema = z
  .object({
    code: z.string().describe('查询码，如 K7QM-2XWD-9HPC'),
    agency: z.string().describe('受理机关名称'),
    submittedOn: z.string().describe('提交日期（北京时间）'),
    state: z.literal('awaitingConfirmation'),
    replayed: z.boolean().describe('true：同一幂等键此前已提交过相同内容，未重复登记'),
  })
  .describe('已提交，待受理机关确认（以双方确认之日为收到申请之日，条例第三十一条）');

const StandingSchema = z
  .object({
    code: z.string(),
    agency: z.string(),
    submittedOn: z.string(),
    state: z.enum(['awaitingConfirmation', 'confirmed', 'declined']),
    stateLabel: z.string(),
    receivedOn: z.string().nullable().describe('收到申请之日（确认之日）'),
    requestState: z
      .enum(['awaitingCorrection', 'inProgress', 'paused', 'decided', 'lapsed', 'withdrawn'])
      .nullable()
      .describe('确认后：办理状态'),
    dueOn: z.string().nullable().describe('答复期限（办理中时）'),
    closedOn: z.string().nullable().describe('办结日期'),
    declinedReason: z.string().nullable().describe('不予受理的理由'),
  })
  .describe('办理进度（不含申请人姓名、证件号码和联系方式）');

const submitRoute = createRoute({
  method: 'post',
  path: '/v1/public/requests',
  summary: '网上提交政府信息公开申请（无需登录；每个地址限频）',
  security: [],
  request: {
    body: { content: { 'application/json': { schema: PublicRequestBodySchema } }, required: true },
  },
  responses: {
    201: json(SubmittedSchema, '已提交；返回查询码'),
    409: json(ErrorSchema, '幂等键已用于内容不同的申请'),
    422: ERRORS[422],
    429: json(ErrorSchema, '提交过于频繁'),
  },
});

const lookupRoute = createRoute({
  method: 'get',
  path: '/v1/public/requests/{code}',
  summary: '按查询码查询办理进度（无需登录）',
  security: [],
  request: { params: z.object({ code: z.string().min(1).max(40).describe('查询码') }) },
  responses: {
    200: json(StandingSchema, '办理进度'),
    404: json(ErrorSchema, '没有这个查询码'),
    422: json(ErrorSchema, '查询码格式有误或校验位不符'),
  },
});

/** The form's fields as the API names them: the four contact fields are all `contact`'s. */
const API_FIELD: Readonly<Record<string, string>> = {
  phone: 'contact',
  email: 'contact',
  address: 'contact',
  postcode: 'contact',
};

function fieldsOf(problems: readonly FieldProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    const key = API_FIELD[p.field] ?? p.field;
    fields[key] = fields[key] ? `${fields[key]}；${p.message}` : p.message;
  }
  return fields;
}

export function standingJson(s: PublicStanding) {
  return {
    code: s.code,
    agency: s.agencyName,
    submittedOn: s.submittedOn,
    state: s.state,
    stateLabel: s.stateLabel,
    receivedOn: s.receivedOn ?? null,
    requestState: s.requestState ?? null,
    dueOn: s.dueOn ?? null,
    closedOn: s.closedOn ?? null,
    declinedReason: s.declinedReason ?? null,
  };
}

export function publicRequestRoutes(api: OpenAPIHono<AppEnv>, deps: WebDeps): void {
  const { storage } = deps;

  serve(api, submitRoute, async (c) => {
    const body = c.req.valid('json');
    const contact =
      typeof body.contact === 'string'
        ? body.contact.includes('@')
          ? { email: body.contact }
          : { phone: body.contact }
        : (body.contact ?? {});
    const submitted = await submitOnlineApplication(
      storage,
      {
        agency: String(body.agency),
        form: {
          ...(body.applicant === undefined ? {} : { applicant: body.applicant }),
          ...(body.type === undefined ? {} : { type: body.type }),
          ...(body.idType === undefined ? {} : { idType: body.idType }),
          ...(body.idNumber === undefined ? {} : { idNumber: body.idNumber }),
          ...contact,
          ...(body.content === undefined ? {} : { content: body.content }),
          ...(body.medium === undefined ? {} : { medium: body.medium }),
          ...(body.delivery === undefined ? {} : { delivery: body.delivery }),
        },
        idempotencyKey: body.idempotencyKey,
        via: 'api',
        address: c.get('address'),
      },
      deps.now(),
    );
    if (!submitted.ok) {
      const error = submitted.error;
      if ('problems' in error) return invalid(c, fieldsOf(error.problems));
      return refusal(c, error, 'idempotencyKey');
    }
    return c.json(
      {
        code: submitted.value.code,
        agency: submitted.value.agencyName,
        submittedOn: submitted.value.submittedOn,
        state: 'awaitingConfirmation' as const,
        replayed: submitted.value.status === 'replayed',
      },
      201,
    );
  });

  serve(api, lookupRoute, async (c) => {
    const { code } = c.req.valid('param');
    const found = await lookupOnlineApplication(storage, code, { today: todayInChina(deps.now()) });
    if (!found.ok) return refusal(c, found.error);
    return c.json(standingJson(found.value), 200);
  });
}
