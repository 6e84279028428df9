import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { generateClientErrorCodes, generateClientSchema } from './client-files';
import { withErrorTable } from './error-tables';
import { generateOpenApiDocument } from './openapi-document';

/** The repository's root: src/codegen/ in the sources, dist/codegen/ once built. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A checked-in file the code generates, so it cannot drift from the code. */
export interface GeneratedFile {
  /** Relative to the repository's root. */
  path: string;
  /** Which `npm run` regenerates it (`npm run generate` does them all). */
  command: 'openapi' | 'errors:docs';
  generate(): Promise<string>;
}

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The document, built once however many files derive from it. */
let document: Promise<string> | undefined;
const openApiDocument = (): Promise<string> => (document ??= generateOpenApiDocument());

export const GENERATED_FILES: GeneratedFile[] = [
  { path: 'openapi/openapi.json', command: 'openapi', generate: openApiDocument },
  { path: 'clients/typescript/src/schema.ts', command: 'openapi', generate: async () => generateClientSchema(await openApiDocument()) },
  { path: 'clients/typescript/src/error-codes.ts', command: 'errors:docs', generate: () => Promise.resolve(generateClientErrorCodes()) },
  ...['README.md', 'docs/error-codes.md'].map((file): GeneratedFile => ({
    path: file,
    command: 'errors:docs',
    generate: () => Promise.resolve(withErrorTable(read(file), file)),
  })),
];

export function checkedIn(file: GeneratedFile): string | undefined {
  try {
    return read(file.path);
  } catch {
    return undefined;
  }
}

export function write(file: GeneratedFile, text: string): void {
  writeFileSync(path.join(REPO_ROOT, file.path), text);
}
