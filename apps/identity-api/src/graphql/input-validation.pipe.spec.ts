import { ArgumentMetadata } from '@nestjs/common';
import { inputValidationPipe, isClientInput } from './input-validation.pipe';

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
});
