/**
 * @module A one-line progress bar for a terminal: files done / total (once the count is known),
 * reports per second, time left. Redrawn at most ten times a second; `clear()` before printing a line
 * so the bar never ends up in the middle of text.
 */
import stringWidth from 'string-width';

const MIN_REDRAW_MS = 100;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export class ProgressBar {
  private total: number | undefined;
  private done = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly start: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly columns: () => number = () => 80,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  setTotal(total: number): void {
    this.total = total;
  }

  update(done: number): void {
    this.done = done;
    const now = this.now();
    if (now - this.lastDraw < MIN_REDRAW_MS) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** The line as it would be drawn now (for tests). */
  line(now = this.now()): string {
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const speed = `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)} 份/秒`;
    const total = this.total;
    if (total === undefined || total === 0) return `检查中 ${this.done} 份 · ${speed}`;
    const share = Math.min(1, this.done / total);
    const left = rate > 0 ? duration((total - this.done) / rate) : '—';
    const tail = ` ${this.done}/${total} ${Math.floor(share * 100)}% · ${speed} · 剩余 ${left}`;
    const width = Math.max(10, Math.min(40, this.columns() - stringWidth(tail) - 10));
    const full = Math.round(share * width);
    return `检查中 [${'█'.repeat(full)}${'░'.repeat(width - full)}]${tail}`;
  }

  private draw(now: number): void {
    this.write(`\r\x1b[K${this.line(now)}`);
    this.drawn = true;
  }

  /** Erases the bar (it comes back at the next update). */
  clear(): void {
    if (!this.drawn) return;
    this.write('\r\x1b[K');
    this.drawn = false;
    this.lastDraw = Number.NEGATIVE_INFINITY;
  }
}
