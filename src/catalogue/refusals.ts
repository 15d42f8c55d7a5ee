/**
 * @module What the catalogue's use cases turn away: the domain's refusals (an item's transitions, the
 * 索引号 pattern), the policy's and the ledger's (an agency that does not exist), unchanged, and the
 * application's own, about what the domain cannot see.
 */
import type { AttachmentRefusalCode } from '../domain/catalogue/attachment.js';
import type { ItemRefusalCode } from '../domain/catalogue/catalogue-item.js';
import type { ColumnRefusalCode } from '../domain/catalogue/columns.js';
import type { CatalogueRefusal } from '../domain/catalogue/index-number.js';
import type { LedgerRefusal } from '../ledger/refusals.js';

export const CATALOGUE_APP_REFUSALS = {
  'catalogue.unknown': '目录信息不存在 (no such catalogue item)',
  'catalogue.concurrent': '另一操作同时修改了该目录信息，请重试 (another change came first; retry)',
  'catalogue.stored-invalid': '数据库中的目录信息记录无法识别 (the stored item cannot be read)',
  'catalogue.numbers-taken':
    '按该索引号格式接下来的流水号都已赋予过其他信息；请管理员调整索引号格式 (the next serials were all issued before)',
  'agency.unknown': '机关不存在 (no such agency)',
} as const;

export type CatalogueAppCode = keyof typeof CATALOGUE_APP_REFUSALS;

export interface CatalogueAppRefusal {
  readonly code:
    | CatalogueAppCode
    | ItemRefusalCode
    | AttachmentRefusalCode
    | ColumnRefusalCode
    | CatalogueRefusal['code']
    | LedgerRefusal['code'];
  readonly message: string;
  readonly eventIndex?: number;
  /** The field refused, when the code alone does not say. */
  readonly field?: string;
}

export function catalogueRefusal(
  code: CatalogueAppCode | 'catalogue.date',
  detail?: string,
): CatalogueAppRefusal {
  const reason =
    code === 'catalogue.date'
      ? '日期应为 YYYY-MM-DD 格式的真实日期 (a date YYYY-MM-DD)'
      : CATALOGUE_APP_REFUSALS[code];
  return { code, message: detail ? `${reason}：${detail}` : reason };
}
