/**
 * @module CSV as RFC 4180 writes it: records end at CRLF (or LF, or a lone CR), fields are split by
 * the delimiter, a field in double quotes may hold delimiters, line breaks and doubled quotes (""). As
 * spreadsheets export it, the last record may lack its line break. Lenient where Excel is: a quote in
 * the middle of an unquoted field is a character, text after a closing quote joins the field. An
 * opening quote never closed is an error, with the record it opened in.
 */

export interface CsvRecord {
  /** 1-based, the header included: the row number a spreadsheet shows when it opens the file. */
  readonly record: number;
  readonly fields: readonly string[];
}

export type CsvResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly record: number; readonly message: string };

/** The delimiter of a file: a tab when the first line has tabs and no commas (Excel's "Unicode text"). */
export function sniffDelimiter(text: string): ',' | '\t' {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

export function parseCsv(text: string, delimiter: string = sniffDelimiter(text)): CsvResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ record: records.length + 1, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      // A quoted field: up to the quote not followed by another quote.
      const opened = records.length + 1;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, record: opened, message: '引号未闭合 (unclosed quote)' };
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
