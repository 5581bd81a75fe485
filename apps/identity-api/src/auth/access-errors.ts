/** No credentials, or credentials that prove nothing: the API answers UNAUTHENTICATED. */
export class NotSignedInError extends Error {
  constructor() {
    super('sign in first: a valid session token or API key is required');
    this.name = 'NotSignedInError';
  }
}

/** Valid credentials that may not do this: the API answers FORBIDDEN. */
export class NotAllowedError extends Error {
  constructor(message = 'not allowed for these credentials') {
    super(message);
    this.name = 'NotAllowedError';
  }
}
