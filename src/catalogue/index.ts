/**
 * @module The 政府信息公开目录's application layer (issue 11), beside the ledger and shared by the web
 * and the command line: every use case takes an Actor, asks the policy table first, checks with the
 * domain (domain/catalogue), writes through storage and audits the change in the same transaction.
 */
export type { PublicPage } from './agency-page.js';
export {
  type AttachmentUpload,
  type AttachOptions,
  attachFile,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  detachFile,
  officeAttachment,
  publicAttachment,
} from './attachments.js';

export {
  type AgencyColumns,
  addColumn,
  agencyColumns,
  type ColumnOptions,
  columnForItem,
  columnsForOffice,
  type OfficeColumns,
  reinstateColumn,
  removeColumn,
  renameColumn,
  retireColumn,
} from './columns.js';
export {
  countVisits,
  type GuideRefusal,
  type PublicGuide,
  publicGuide,
  publishGuide,
  visitTotal,
} from './guide.js';
export {
  amendItem,
  type CatalogueOptions,
  correctItem,
  type DraftInput,
  documentsForReport,
  draftItem,
  type ItemView,
  listItems,
  publishItem,
  repealItem,
  submitItem,
  viewItem,
  withdrawItem,
} from './items.js';
export {
  browseCatalogue,
  type CatalogueBrowse,
  type CataloguePage,
  type CatalogueQuery,
  type ColumnCounts,
  columnAndBelow,
  PUBLIC_PAGE_SIZE,
  type PublicItem,
  publicCatalogue,
  publicItem,
  siteColumns,
  siteItemColumns,
} from './public.js';
export { CATALOGUE_APP_REFUSALS, type CatalogueAppRefusal, catalogueRefusal } from './refusals.js';
export { type PublicRules, publicRules, publishRules, type RulesRefusal, ruleProblemText } from './rules.js';
