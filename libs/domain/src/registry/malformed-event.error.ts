/** A stored event that cannot be read as its type: the type and the field at fault are named. */
export class MalformedEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly field: string,
    rule: string,
  ) {
    super(`stored ${eventType} event: ${field} ${rule}`);
    this.name = 'MalformedEventError';
  }
}
