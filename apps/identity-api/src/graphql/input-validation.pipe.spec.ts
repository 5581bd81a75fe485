import { ArgumentMetadata } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { inputValidationPipe, isClientInput } from './input-validation.pipe';

class OptionalFilter {
  @IsOptional()
  @IsString()
  name?: string;
}

class RequiredFilter {
  @IsString()
  name!: string;
}

const as = (type: ArgumentMetadata['type'], data?: string): ArgumentMetadata => ({ type, data });

describe('input validation pipe', () => {
  const pipe = inputValidationPipe();

  it('refuses a lone surrogate in a resolver argument, naming the field', async () => {
    await expect(pipe.transform({ password: 'a\ud800b' }, as('body', 'input'))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'password' },
    });
    await expect(pipe.transform({ password: 'a\ud83d\ude00b' }, as('body', 'input'))).resolves.toBeDefined();
  });

  it('does not walk the context, info or parent of a resolver: they are not client input', async () => {
    expect(isClientInput(as('custom'))).toBe(false);
    const request = {
      get socket(): never {
        throw new Error('the pipe walked into the request');
      },
    };
    await expect(pipe.transform({ req: request, meta: {} }, as('custom'))).resolves.toBeDefined();
  });

  it('lets an omitted optional input through as it came, and still refuses one whose class requires a field', async () => {
    const optional: ArgumentMetadata = { type: 'body', data: 'filter', metatype: OptionalFilter };
    const required: ArgumentMetadata = { type: 'body', data: 'filter', metatype: RequiredFilter };
    for (let call = 0; call < 2; call += 1) {
      await expect(pipe.transform(undefined, optional)).resolves.toBeUndefined();
      await expect(pipe.transform(null, optional)).resolves.toBeNull();
      await expect(pipe.transform(undefined, required)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    }
    await expect(pipe.transform({ name: 7 }, optional)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    await expect(pipe.transform({ name: 'x' }, optional)).resolves.toBeInstanceOf(OptionalFilter);
  });
});
