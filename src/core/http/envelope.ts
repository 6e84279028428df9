import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The success envelope of every JSON response. */
export interface Envelope<T> {
  code: 0;
  message: 'ok';
  data: T;
}

export function envelope<T>(data: T): Envelope<T> {
  return { code: 0, message: 'ok', data };
}

/** The failure envelope, documented once for the OpenAPI page. */
export class ErrorResponseDto {
  @ApiProperty({ example: 1020, description: 'a code of the error catalogue (docs/error-codes.md)' })
  code: number;

  @ApiProperty({ example: '用户已存在或邮箱已使用' })
  message: string;

  @ApiProperty({ required: false, example: 'email already bound to another user' })
  detail?: string;

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: true,
    description: 'facts the client may act on (an account status, the checks of readiness ...)',
  })
  data?: Record<string, unknown>;

  @ApiProperty({ example: '3f1c2b9e-5d0a-4b8e-9a8f-1f2e3d4c5b6a' })
  requestId: string;
}

/**
 * What a route's `data` holds: a DTO class, a list of one (`[Dto]`), one of several DTOs
 * (`{ oneOf: [A, B] }`), or `null` for a route that answers nothing but success.
 */
export type DataShape = Type<unknown> | [Type<unknown>] | { oneOf: Type<unknown>[] } | null;

function dataSchema(data: DataShape): { models: Type<unknown>[]; schema: Record<string, unknown> } {
  // OpenAPI 3.0 has no null type: a nullable value whose one allowed value is null.
  if (data === null) return { models: [], schema: { nullable: true, enum: [null] } };
  if (Array.isArray(data)) return { models: data, schema: { type: 'array', items: { $ref: getSchemaPath(data[0]) } } };
  if ('oneOf' in data) return { models: data.oneOf, schema: { oneOf: data.oneOf.map((model) => ({ $ref: getSchemaPath(model) })) } };
  return { models: [data], schema: { $ref: getSchemaPath(data) } };
}

/**
 * Documents a route's success answer as the envelope around `data`, so the OpenAPI document (and
 * the typed client generated from it) knows what `data` holds.
 */
export function ApiData(data: DataShape, status = 200): MethodDecorator {
  const { models, schema } = dataSchema(data);
  return applyDecorators(
    ApiExtraModels(...models),
    ApiResponse({
      status,
      description: 'success',
      schema: {
        type: 'object',
        required: ['code', 'message', 'data'],
        properties: { code: { type: 'integer', enum: [0] }, message: { type: 'string', enum: ['ok'] }, data: schema },
      },
    }),
  );
}
