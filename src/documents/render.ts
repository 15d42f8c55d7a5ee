/**
 * @module One entry point for rendering a report to any of the official document forms. Each renderer
 * (docx, exceljs, hono/jsx, chromium) is imported by the call that renders its format, so that a
 * command that renders nothing, or one format, does not load them all when it starts.
 */
import type { AnnualReport } from '../domain/report/model.js';

export const RENDER_TARGETS = ['html', 'docx', 'xlsx', 'pdf', 'txt', 'json'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

export function isRenderTarget(value: string): value is RenderTarget {
  return (RENDER_TARGETS as readonly string[]).includes(value);
}

/** Targets whose output is text, which may go to a terminal. */
export const TEXT_TARGETS: ReadonlySet<RenderTarget> = new Set(['html', 'txt', 'json']);

/** The file name extensions (lower case, with the dot) each target is known by. */
export const TARGET_EXTENSIONS: Readonly<Record<RenderTarget, readonly string[]>> = {
  html: ['.html', '.htm'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  pdf: ['.pdf'],
  txt: ['.txt'],
  json: ['.json'],
};

/** The target a file name's extension names (case-insensitive), if any. */
export function targetOfFileName(name: string): RenderTarget | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = base.slice(dot).toLowerCase();
  return RENDER_TARGETS.find((t) => TARGET_EXTENSIONS[t].includes(extension));
}

export async function renderReport(report: AnnualReport, target: RenderTarget): Promise<Uint8Array> {
  const encode = (text: string) => new TextEncoder().encode(text);
  switch (target) {
    case 'html':
      return encode((await import('./html/render-html.js')).renderHtml(report));
    case 'txt':
      return encode((await import('./text/render-text.js')).renderText(report));
    case 'json':
      return encode((await import('./json/report-json.js')).renderJson(report));
    case 'docx':
      return (await import('./docx/render-docx.js')).renderDocx(report);
    case 'xlsx':
      return (await import('./xlsx/render-xlsx.js')).renderXlsx(report);
    case 'pdf':
      return (await import('./pdf/render-pdf.js')).renderPdf(report);
  }
}
