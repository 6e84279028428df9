import { catalogueRows } from './catalogue-rows';

const START = '<!-- error-codes:start: generated from src/core/errors/catalogue.ts by `npm run errors:docs`, do not edit -->';
const END = '<!-- error-codes:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Every code of the catalogue as a markdown table: code, HTTP status, English and Chinese titles, the constant. */
export function errorTable(): string {
  return [
    '| code | HTTP | meaning | zh title (`message`) | `ErrorCode` |',
    '|---:|---:|---|---|---|',
    ...catalogueRows().map((row) => `| ${row.code} | ${row.status} | ${cell(row.en)} | ${cell(row.zh)} | \`${row.name}\` |`),
  ].join('\n');
}

/** `text` with the block between the markers (which must be there) replaced by the current table. */
export function withErrorTable(text: string, file: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`${file} has no error table markers:\n${START}\n${END}`);
  return `${text.slice(0, start + START.length)}\n${errorTable()}\n${text.slice(end)}`;
}
