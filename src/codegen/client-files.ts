import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';

import { catalogueRows } from './catalogue-rows';

const GENERATED = (source: string, command: string): string => `// Generated from ${source} by \`npm run ${command}\`: do not edit.\n`;

/** Headers the client's middleware sends itself, so no call has to pass them. */
const CLIENT_HEADERS = new Set(['x-app-id', 'x-api-id', 'x-timestamp', 'x-nonce', 'x-signature']);

/** The part of an operation this reads: its parameters. */
interface Operation {
  parameters?: { in: string; name: string }[];
}

/**
 * The client's types (clients/typescript/src/schema.ts): openapi-typescript over the document,
 * less the app and signing headers its middleware adds to every request.
 */
export async function generateClientSchema(documentText: string): Promise<string> {
  const document = JSON.parse(documentText) as { paths: Record<string, Record<string, Operation>> };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      operation.parameters = operation.parameters?.filter((p) => !(p.in === 'header' && CLIENT_HEADERS.has(p.name.toLowerCase())));
    }
  }
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    // A field with a server-side default may still be left out of a request.
    defaultNonNullable: false,
    // A file part of a multipart body is a Blob (or a File) in the client, not a string.
    transform: (schema) => (schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Blob') : undefined),
  });
  return GENERATED('openapi/openapi.json', 'openapi') + astToString(ast);
}

const quoted = (text: string): string => JSON.stringify(text);

/** The catalogue as the client ships it (clients/typescript/src/error-codes.ts): a typed enum and each code's status and titles. */
export function generateClientErrorCodes(): string {
  const rows = catalogueRows();
  return [
    GENERATED('src/core/errors/catalogue.ts', 'errors:docs'),
    '/** Every code the platform answers with (`code` of the envelope); 0 is success. */',
    'export enum ErrorCode {',
    ...rows.map((row) => `  /** ${row.en} (HTTP ${row.status}) */\n  ${row.name} = ${row.code},`),
    '}',
    '',
    "/** Each code's HTTP status and its titles (the `message`, by Accept-Language). */",
    'export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, { status: number; zh: string; en: string }>> = {',
    ...rows.map((row) => `  [ErrorCode.${row.name}]: { status: ${row.status}, zh: ${quoted(row.zh)}, en: ${quoted(row.en)} },`),
    '};',
    '',
  ].join('\n');
}
