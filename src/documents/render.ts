/**
 * @module One entry point for rendering a report to any of the official document forms.
 */
import type { AnnualReport } from '../domain/report/model.js';
import { renderDocx } from './docx/render-docx.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/report-json.js';
import { renderPdf } from './pdf/render-pdf.js';
import { renderText } from './text/render-text.js';
import { renderXlsx } from './xlsx/render-xlsx.js';

export const RENDER_TARGETS = ['html', 'docx', 'xlsx', 'pdf', 'txt', 'json'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

export function isRenderTarget(value: string): value is RenderTarget {
  return (RENDER_TARGETS as readonly string[]).includes(value);
}

/** Targets whose output is text, which may go to a terminal. */
export const TEXT_TARGETS: ReadonlySet<RenderTarget> = new Set(['html', 'txt', 'json']);

export async function renderReport(report: AnnualReport, target: RenderTarget): Promise<Uint8Array> {
  switch (target) {
    case 'html':
      return new TextEncoder().encode(renderHtml(report));
    case 'txt':
      return new TextEncoder().encode(renderText(report));
    case 'json':
      return new TextEncoder().encode(renderJson(report));
    case 'docx':
      return renderDocx(report);
    case 'xlsx':
      return renderXlsx(report);
    case 'pdf':
      return renderPdf(report);
  }
}
