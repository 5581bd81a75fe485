import { ValidationError, ValidationPipe } from '@nestjs/common';
import { apiError } from './api-error';

/** class-validator on every input; the first broken rule becomes BAD_USER_INPUT naming the field. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  const error = errors[0];
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  if (error.constraints) return { path, constraint: Object.values(error.constraints)[0] };
  if (error.children?.length) return firstProblem(error.children, path);
  return { path, constraint: 'is not valid' };
}
