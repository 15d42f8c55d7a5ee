/**
 * @module The progressive (超额累进) rate tables of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号)
 * as data, so a province's table or a revision is a new value, not new code.
 *
 * Source: ../shared/domain/annual-report-formats.md §6. Art. 4 (按件计收) and Art. 5 (按量计收) are
 * verified [V]; that Art. 4 keeps raising 100元/件 for each further band of 10 件 beyond 30 is read from
 * "每增加一档，收费标准提高100元/件" with bands of 10 件 inferred, hence `beyond` is configurable.
 */
import { compareDecimals, type DecimalString, isDecimalString } from '../shared/decimal.js';

/** One band: units up to and including `upTo` (null: no upper bound) cost `rate` 元 each. */
export interface FeeBand {
  readonly upTo: number | null;
  readonly rate: DecimalString;
}

export interface ProgressiveSchedule {
  /** 件 (applications) or 页 (pages). */
  readonly unit: '件' | '页';
  /** Bands in increasing order; the first starts at unit 1. */
  readonly bands: readonly FeeBand[];
  /** After the last band (which then has an upper bound): bands of `width` units, each `raiseBy` dearer. */
  readonly beyond?: { readonly width: number; readonly raiseBy: DecimalString };
  /** The article, for explanations. */
  readonly basis: string;
}

/** Art. 4 按件计收, per applicant per natural month, cumulative: ≤10 free, 11–30 at 100, then +100 per 10. */
export const PER_PIECE_2020: ProgressiveSchedule = {
  unit: '件',
  bands: [
    { upTo: 10, rate: '0' },
    { upTo: 30, rate: '100' },
  ],
  beyond: { width: 10, raiseBy: '100' },
  basis: '《政府信息公开信息处理费管理办法》第四条（按件计收）',
};

/** Art. 5 按量计收, per request: ≤30 pages free, 31–100 at 10, 101–200 at 20, 201 and more at 40. */
export const PER_VOLUME_2020: ProgressiveSchedule = {
  unit: '页',
  bands: [
    { upTo: 30, rate: '0' },
    { upTo: 100, rate: '10' },
    { upTo: 200, rate: '20' },
    { upTo: null, rate: '40' },
  ],
  basis: '《政府信息公开信息处理费管理办法》第五条（按量计收）',
};

export interface FeeSchedules {
  readonly perPiece: ProgressiveSchedule;
  readonly perVolume: ProgressiveSchedule;
}

export const FEE_SCHEDULES_2020: FeeSchedules = { perPiece: PER_PIECE_2020, perVolume: PER_VOLUME_2020 };

/** Why a schedule cannot be used, or undefined when it can (for schedules entered by an administrator). */
export function scheduleProblem(schedule: ProgressiveSchedule): string | undefined {
  let previous = 0;
  for (const [i, band] of schedule.bands.entries()) {
    if (!isDecimalString(band.rate) || compareDecimals(band.rate, '0') < 0) return `第${i + 1}档费率无效`;
    if (band.upTo === null) return i === schedule.bands.length - 1 ? undefined : '无上限的档位只能是最后一档';
    if (!Number.isInteger(band.upTo) || band.upTo <= previous) return `第${i + 1}档上限应递增`;
    previous = band.upTo;
  }
  const beyond = schedule.beyond;
  if (!beyond) return '最后一档应无上限，或规定超出后的递增办法';
  if (!Number.isInteger(beyond.width) || beyond.width < 1) return '递增档宽应为正整数';
  if (!isDecimalString(beyond.raiseBy)) return '递增金额无效';
  return undefined;
}
