import { CATALOGUE, ErrorCode } from '../core/errors/catalogue';

/** One code of the error catalogue with its constant's name, in ascending order of codes. */
export interface CatalogueRow {
  name: string;
  code: ErrorCode;
  status: number;
  zh: string;
  en: string;
}

export function catalogueRows(): CatalogueRow[] {
  return Object.entries(ErrorCode)
    .filter((entry): entry is [string, ErrorCode] => typeof entry[1] === 'number')
    .map(([name, code]) => ({ name, code, ...CATALOGUE[code] }))
    .sort((a, b) => a.code - b.code);
}
