/**
 * @module What every route of the JSON API shares: the error body and the documented error responses,
 * the answers for a refusal (its status from refusal-status.ts) and for input the schema refused
 * (422 `request.invalid`, field by field), and the registration of a route with its handler.
 */
import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppContext, AppEnv } from '../context.js';
import type { FieldErrors } from '../input-schema.js';
import { fieldOf } from '../refusal-fields.js';
import { statusOfRefusal } from '../refusal-status.js';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('稳定的错误代码，如 request.unknown、access.forbidden、request.invalid'),
      message: z.string().describe('中文说明（英文在括号内）'),
      fields: z.record(z.string(), z.string()).optional().describe('输入有误的字段及原因'),
    }),
  })
  .describe('错误');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
export const ERRORS = {
  401: json(ErrorSchema, '未登录或令牌无效'),
  403: json(ErrorSchema, '角色无权进行此操作，或缺少 CSRF 令牌'),
  404: json(ErrorSchema, '记录不存在或不属于本机关'),
  409: json(ErrorSchema, '同时有其他记录，请重试'),
  422: json(ErrorSchema, '输入有误，或办理规则不允许'),
} as const;

type ErrorStatus = 403 | 404 | 409 | 422;

/** A use case's refusal as `{"error"}` with its status; `fieldFallback`: name the field it concerns. */
export function refusal(
  c: AppContext,
  r: { readonly code: string; readonly message: string; readonly field?: string },
  fieldFallback?: string,
) {
  const field = fieldFallback === undefined ? undefined : fieldOf(r, fieldFallback);
  return c.json(
    { error: { code: r.code, message: r.message, ...(field ? { fields: { [field]: r.message } } : {}) } },
    statusOfRefusal(r.code) as ErrorStatus,
  );
}

/** Input the schema or the edge refused, field by field. */
export function invalid(c: AppContext, fields: FieldErrors) {
  const message = `输入有误 (invalid input)：${Object.entries(fields)
    .map(([k, v]) => `${k}：${v}`)
    .join('；')}`;
  return c.json({ error: { code: 'request.invalid', message, fields } }, 422 as const);
}

type LooseHandler<R extends RouteConfig> = (c: Parameters<RouteHandler<R, AppEnv>>[0]) => Promise<Response>;

/**
 * Registers a route with its handler. The declared responses document the API; errors are answered by
 * one helper whose status the library's types cannot follow, so the bodies are checked against their
 * schemas by the API tests instead of the compiler.
 */
export function serve<R extends RouteConfig>(
  api: OpenAPIHono<AppEnv>,
  route: R,
  handler: LooseHandler<R>,
): void {
  api.openapi(route, handler as unknown as RouteHandler<R, AppEnv>);
}

export const positiveId = (text: string | undefined) => {
  const n = Number(text);
  return text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};
