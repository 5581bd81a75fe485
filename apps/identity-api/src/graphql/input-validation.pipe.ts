import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { apiError } from './api-error';

/**
 * Strings that are not well-formed UTF-16 (a lone surrogate) are refused before any rule runs: they
 * would be encoded with U+FFFD replacements, so two different passwords could hash alike.
 */
class WellFormedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A custom parameter decorator's value (the request context of @CurrentPerson) is the server's, not input:
    // walking it cost `me` about 13 ms a request (issue 10's bench row).
    const broken = metadata.type === 'custom' ? null : malformedPath(value, metadata.data ?? 'input');
    if (broken) throw apiError('BAD_USER_INPUT', `${broken}: is not well-formed Unicode text`, { field: broken });
    return super.transform(value, metadata);
  }
}

/** In `u` mode a surrogate pair is one code point: only a lone surrogate matches (String.prototype.isWellFormed's test). */
const LONE_SURROGATE = /\p{Surrogate}/u;

function malformedPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (depth > 10 || typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = malformedPath(inner, depth === 0 && !Array.isArray(value) ? key : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** class-validator on every input; the first broken rule becomes BAD_USER_INPUT naming the field. */
export function inputValidationPipe(): ValidationPipe {
  return new WellFormedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const { path, constraint } = firstProblem(errors);
      return apiError('BAD_USER_INPUT', `${path}: ${constraint}`, { field: path });
    },
  });
}

function firstProblem(errors: ValidationError[], prefix = ''): { path: string; constraint: string } {
  const [error] = errors;
  if (!error) return { path: prefix, constraint: 'is not valid' };
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  if (error.constraints) return { path, constraint: Object.values(error.constraints)[0] ?? 'is not valid' };
  if (error.children?.length) return firstProblem(error.children, path);
  return { path, constraint: 'is not valid' };
}
