/**
 * graphql-js puts submitted values into some messages: variable coercion ("got invalid value
 * "hunter2" at …") and literal checks ("cannot represent a non string value: 123", "found …").
 * These are rewritten without the value, so that neither a response nor a log line carries a password.
 */
export function withoutSubmittedValues(message: string): string {
  const variable = /^Variable "(\$\w+)" got invalid value /.exec(message);
  if (variable) {
    const path = /(?: at "(\$?[\w.[\]]+)")?; [^;]*$/s.exec(message)?.[1];
    return `Variable "${variable[1]}" got an invalid value${path ? ` at "${path}"` : ''} (the value is not shown)`;
  }
  return message
    .replace(/(cannot represent [\w -]*value):.*$/s, '$1 (the value is not shown)')
    .replace(/, found .*$/s, ' (the value is not shown).');
}
