/**
 * @module The files of a batch: the PATHs named on the command line, folders walked lazily and
 * recursively with `fs.opendir`, one entry at a time, so that a folder of 100,000 reports never becomes
 * an array. Hidden files and folders (name starting with ".") are passed over, and so are files whose
 * extension says they are plainly no report (images, archives other than .docx, programs, media).
 * Everything else is read, and its shape judged from its content, never from its name.
 */
import { opendir, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FileError } from './types.js';

/** Extensions that are never a report. `.docx`, `.xlsx`, `.pdf`, `.html`, `.txt`, `.json` are read. */
const NOT_REPORTS: ReadonlySet<string> = new Set(
  [
    // images
    'png jpg jpeg gif bmp webp tif tiff ico heic heif avif psd raw svg',
    // archives (a .docx is a zip too, and is read)
    'zip rar 7z gz tgz bz2 tbz2 xz txz zst lz lzma tar cab iso jar war',
    // programs and libraries
    'exe dll so dylib bin msi com bat cmd sh ps1 apk dmg app deb rpm class o a lib pyc wasm',
    // audio and video
    'mp3 wav wma aac flac ogg m4a mp4 avi mov wmv flv mkv webm m4v mpg mpeg',
  ]
    .join(' ')
    .split(' ')
    .map((e) => `.${e}`),
);

/** Whether a file met in a folder is passed over by its name (hidden, or plainly not a report). */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || NOT_REPORTS.has(extname(name).toLowerCase());
}

/** A file to read, or a folder that could not be listed (reported as unreadable, never dropped). */
export type WalkItem = { readonly path: string } | { readonly path: string; readonly error: FileError };

export interface WalkCounters {
  /** Non-hidden files passed over by extension. */
  skipped: number;
}

export interface WalkOptions {
  /** Absolute paths never read (the audit's own HTML page, which may sit in an audited folder). */
  readonly exclude?: ReadonlySet<string>;
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 (permission denied)';
  if (code === 'ENOENT') return '已不存在 (no longer exists)';
  return `${code ?? ''} ${(e as Error).message}`.trim();
}

export function ioError(e: unknown, what: 'file' | 'folder'): FileError {
  return {
    code: 'input.io',
    message: `无法读取${what === 'folder' ? '文件夹' : '文件'}：${ioReason(e)} (cannot read the ${what})`,
  };
}

/**
 * The PATHs without repeats: a PATH inside a folder also named is dropped, so no file is read twice.
 * Order is kept.
 */
export function distinctRoots(paths: readonly string[]): string[] {
  const absolute = paths.map((p) => resolve(p));
  return paths.filter((_, i) => {
    const me = absolute[i]!;
    return !absolute.some(
      (other, j) =>
        (other === me && j < i) || (other !== me && me.startsWith(other.endsWith(sep) ? other : other + sep)),
    );
  });
}

async function* walkFolder(
  folder: string,
  counters: WalkCounters,
  options: WalkOptions,
): AsyncGenerator<WalkItem> {
  let dir: Awaited<ReturnType<typeof opendir>>;
  try {
    dir = await opendir(folder, { bufferSize: 128 });
  } catch (e) {
    yield { path: folder, error: ioError(e, 'folder') };
    return;
  }
  try {
    for await (const entry of dir) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A link to a file is read; a link to a folder is not followed (it could loop back).
        try {
          const target = await stat(path);
          isFile = target.isFile();
          isDirectory = false;
        } catch (e) {
          yield { path, error: ioError(e, 'file') };
          continue;
        }
      }
      if (isDirectory) {
        yield* walkFolder(path, counters, options);
      } else if (isFile && !options.exclude?.has(resolve(path))) {
        if (isSkippedName(entry.name)) counters.skipped++;
        else yield { path };
      }
    }
  } catch (e) {
    yield { path: folder, error: ioError(e, 'folder') };
  }
}

/**
 * Every file of the batch, lazily. A PATH that is a file is always read, whatever its name; the PATHs
 * must exist (the command checks them first, to name a missing one before any work).
 */
export async function* walkReportFiles(
  paths: readonly string[],
  counters: WalkCounters = { skipped: 0 },
  options: WalkOptions = {},
): AsyncGenerator<WalkItem> {
  for (const root of distinctRoots(paths)) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(root)).isDirectory();
    } catch (e) {
      yield { path: root, error: ioError(e, 'file') };
      continue;
    }
    if (isDirectory) yield* walkFolder(root, counters, options);
    else yield { path: root };
  }
}

/** How many files the walk will give: a second walk that keeps nothing, for the progress bar's total. */
export async function countReportFiles(paths: readonly string[], options: WalkOptions = {}): Promise<number> {
  let n = 0;
  for await (const _ of walkReportFiles(paths, { skipped: 0 }, options)) n++;
  return n;
}
