import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { apiError } from './api-error';

/**
 * Strings that are not well-formed UTF-16 (a lone surrogate) are refused before any rule runs: they
 * would be encoded with U+FFFD replacements, so two different passwords could hash alike. Only a
 * resolver's `@Args()` come from the client: the pipe also sees the GraphQL context and info of
 * every resolver (the HTTP request, its socket, the schema), and walking those cost a page read
 * most of its CPU time (docs/benchmarks.md).
 */
class WellFormedValidationPipe extends ValidationPipe {
  /** Input classes whose rules an omitted argument (validated as `{}`) passes: checked once, not on every request. */
  private readonly mayBeOmitted = new WeakSet<object>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const broken = isClientInput(metadata) ? malformedPath(value, metadata.data ?? 'input') : null;
    if (broken) throw apiError('BAD_USER_INPUT', `${broken}: is not well-formed Unicode text`, { field: broken });
    const omitted = value === undefined || value === null;
    const inputClass = metadata.metatype;
    if (!omitted || !isClientInput(metadata) || typeof inputClass !== 'function') return super.transform(value, metadata);
    // An omitted optional input (an absent filter) is validated as an empty instance of its class; class-validator
    // looks up the class's rules on each call (3% of an audit page's CPU). What it answered the first time holds.
    if (!this.mayBeOmitted.has(inputClass)) {
      await super.transform(value, metadata);
      this.mayBeOmitted.add(inputClass);
    }
    return value;
  }
}

/**
 * Nest names a GraphQL parameter's kind as for HTTP: `@Args()` share the number of `@Body()` and
 * arrive as 'body'; the parent, context and info arrive as 'custom', like custom decorators.
 */
export function isClientInput(metadata: ArgumentMetadata): boolean {
  return metadata.type === 'body';
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
