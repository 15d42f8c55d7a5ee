/**
 * What every benchmark prints and times the same way: the machine line that docs/performance.md quotes,
 * and a timed loop (a warm-up for the JIT, then passes until the time is up).
 */
import os from 'node:os';

/** `machine: MODEL × CORES, RAM GiB, Node VERSION, load 1 5 15`: where a figure came from. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `machine: ${os.cpus()[0]?.model} × ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${load}`;
}

/**
 * Runs `pass` (which handles `perPass` reports) for a warm-up of `warmUpSeconds`, then for `seconds`;
 * the reports per second of the timed part.
 */
export async function reportsPerSecond(
  pass: () => Promise<unknown>,
  perPass: number,
  seconds: number,
  warmUpSeconds = 1,
): Promise<number> {
  const warmUntil = performance.now() + warmUpSeconds * 1000;
  do await pass();
  while (performance.now() < warmUntil);
  const start = performance.now();
  let reports = 0;
  while (performance.now() - start < seconds * 1000) {
    await pass();
    reports += perPass;
  }
  return reports / ((performance.now() - start) / 1000);
}
