import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Length counted in Unicode code points, as people count characters (an emoji is one, not two
 * UTF-16 units as `@Length` would count it).
 */
export function CodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'codePointLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min, max],
      options: { message: `$property must be ${min}-${max} characters`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && [...value].length >= min && [...value].length <= max,
      },
    });
}

/** Trims strings (class-transformer @Transform), leaving other values for the validators to refuse. */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
