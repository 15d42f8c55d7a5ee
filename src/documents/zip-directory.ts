/**
 * @module A zip's central directory (at the end of the file; names and sizes uncompressed), read from
 * the bytes without inflating anything: which parts an XLSX or DOCX holds and how large they say they
 * inflate to. A directory can lie about sizes; readers that inflate still count what they inflate.
 */

const ZIP_DIRECTORY_END = 0x06054b50;
const ZIP_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const ZIP_END_SEARCH = 22 + 0xffff;
/** A ZIP64 size: the real one is elsewhere, and beyond 4 GB. */
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  readonly name: string;
  /** As declared; Infinity for a ZIP64 entry (over 4 GB). */
  readonly uncompressedSize: number;
}

/** The entries the directory lists, or undefined when there is no directory to be found. */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - ZIP_END_SEARCH); p--) {
    if (view.getUint32(p, true) === ZIP_DIRECTORY_END) {
      end = p;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count && p + 46 <= bytes.length; i++) {
    if (view.getUint32(p, true) !== ZIP_DIRECTORY_ENTRY) break;
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const skip = nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const name = Buffer.from(
      bytes.buffer,
      bytes.byteOffset + p + 46,
      Math.min(nameLength, bytes.length - p - 46),
    ).toString('utf8');
    entries.push({ name, uncompressedSize: size === ZIP64_MARK ? Number.POSITIVE_INFINITY : size });
    p += 46 + skip;
  }
  return entries;
}

/** What a zip is, by its parts: a workbook (xl/), a Word document (word/), or neither. */
export function zipKind(entries: readonly ZipEntry[]): 'xlsx' | 'docx' | 'other' {
  if (entries.some((e) => e.name.startsWith('word/'))) return 'docx';
  if (entries.some((e) => e.name.startsWith('xl/'))) return 'xlsx';
  return 'other';
}
