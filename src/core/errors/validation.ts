import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';

import { ErrorCode } from './catalogue';
import { DomainError } from './domain-error';

/**
 * Ties a class-validator rule to the catalogue code it fails with:
 * `@Length(4, 20, failsWith(ErrorCode.USERNAME_INVALID))`.
 */
export function failsWith(code: ErrorCode, message?: string): { context: { code: ErrorCode }; message?: string } {
  return message ? { context: { code }, message } : { context: { code } };
}

/** Constraints that mean "the field was not sent" rather than "it was sent wrong". */
const MISSING_CONSTRAINTS = new Set(['isDefined', 'isNotEmpty']);

function firstLeaf(errors: ValidationError[]): ValidationError | undefined {
  for (const error of errors) {
    if (error.constraints && Object.keys(error.constraints).length > 0) return error;
    const nested = firstLeaf(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

/** Maps the first failed rule to its catalogue code: 1011 when missing, the rule's code else. */
export function validationErrorToDomainError(errors: ValidationError[]): DomainError {
  const leaf = firstLeaf(errors);
  if (!leaf?.constraints) return new DomainError(ErrorCode.MALFORMED_REQUEST);
  const [constraint, message] = Object.entries(leaf.constraints)[0];
  if (constraint === 'whitelistValidation') {
    return new DomainError(ErrorCode.MALFORMED_REQUEST, `unknown field ${leaf.property}`);
  }
  if (MISSING_CONSTRAINTS.has(constraint) && (leaf.value === undefined || leaf.value === null || leaf.value === '')) {
    return new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, `${leaf.property} is required`);
  }
  const code = (leaf.contexts?.[constraint] as { code?: ErrorCode } | undefined)?.code;
  return new DomainError(code ?? ErrorCode.MALFORMED_REQUEST, message);
}

const NULLABLE_FIELDS = Symbol('nullable fields');

/**
 * A field where null is a value of its own: it removes what is stored (an excerpt, a cover). The
 * pipe hands such a null to the handler; pair it with @IsOptional() so no other rule sees it.
 */
export const Nullable = (): PropertyDecorator => (target, field) => {
  const fields = (Reflect.getMetadata(NULLABLE_FIELDS, target.constructor) as Set<string | symbol> | undefined) ?? new Set();
  Reflect.defineMetadata(NULLABLE_FIELDS, new Set([...fields, field]), target.constructor);
};

/** A JSON object's fields without those sent as null, but for the DTO's @Nullable() ones. */
function withoutNulls(value: unknown, dto: ArgumentMetadata['metatype']): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const nullable = (dto && (Reflect.getMetadata(NULLABLE_FIELDS, dto) as Set<string | symbol> | undefined)) ?? new Set();
  return Object.fromEntries(Object.entries(value).filter(([name, field]) => field !== null || nullable.has(name)));
}

/**
 * A field sent as null counts as not sent, before any rule sees it: a required one is missing
 * (1011), an optional one asks for nothing. (class-validator's @IsOptional passed null on to the
 * handler, and from there to a NOT NULL column.) Only a @Nullable() field keeps its null.
 */
class CatalogueValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(
      metadata.type === 'body' && this.toValidate(metadata) ? withoutNulls(value, metadata.metatype) : value,
      metadata,
    );
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CatalogueValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: true },
    exceptionFactory: validationErrorToDomainError,
  });
}
