import { parseJson } from './json-bodies';

const refusal = (body: string) => {
  try {
    parseJson(body);
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, status: (error as { status?: number }).status };
  }
  throw new Error(`${body} was accepted`);
};

describe('JSON request bodies, read as on Express', () => {
  it('reads an empty body as an empty object, which Apollo answers as a missing body', () => {
    expect(parseJson('')).toEqual({});
  });

  it('reads an object or an array, after leading whitespace', () => {
    expect(parseJson(' \n{"query":"{ __typename }"}')).toEqual({ query: '{ __typename }' });
    expect(parseJson('[{"query":"{ a }"}]')).toEqual([{ query: '{ a }' }]);
  });

  it('refuses JSON that is not an object or an array with 400, worded as JSON.parse words its first character', () => {
    expect(refusal('"x"')).toEqual({ name: 'SyntaxError', message: 'Unexpected token \'"\', ""x"" is not valid JSON', status: 400 });
    expect(refusal('  12')).toMatchObject({ name: 'SyntaxError', status: 400 });
  });

  it('refuses malformed JSON with 400 and the message of JSON.parse', () => {
    expect(refusal('{"query":')).toEqual({ name: 'SyntaxError', message: 'Unexpected end of JSON input', status: 400 });
  });
});
