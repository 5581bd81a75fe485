import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, defined, totpProtected } from '@identity/testing';
import { AccountEvent } from '../account/account.events';
import { INTEGRATION_EVENT_SCHEMAS, integrationEventSchema, JsonSchema } from './integration-event.schemas';
import { IntegrationEvent, IntegrationEventType } from '../events/integration-event.types';
import { toIntegrationEvents, withPrimaryAccount } from './integration-events';

/**
 * A small checker for the JSON Schema keywords the schemas use (type, const, enum, required,
 * properties, additionalProperties: false, items, uniqueItems, minItems, minLength, minimum,
 * pattern, format: date-time). Returns the problems found, with their paths.
 */
function check(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(`${path}: ${what}`);
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (schema.type !== undefined) {
    const allowed = ([] as unknown[]).concat(schema.type);
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number')))
      fail(`type ${actual}, wanted ${allowed.join('|')}`);
  }
  if ('const' in schema && value !== schema.const) fail(`not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('too short');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) fail(`does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d\d-\d\dT/.test(value))) fail('not a date-time');
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('too few items');
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('items not unique');
    if (schema.items) value.forEach((item, i) => problems.push(...check(schema.items as JsonSchema, item, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, child] of Object.entries(object)) {
      if (properties[key]) problems.push(...check(properties[key], child, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected ${key}`);
    }
  }
  return problems;
}

const stored = (event: AccountEvent, id: string) => ({
  id,
  streamId: 'account-acc-1',
  type: event.type,
  data: event.data as unknown as Record<string, unknown>,
  position: '7:5',
  recordedAt: at(9),
});
const samples: IntegrationEvent[] = [
  ...totpProtected().flatMap((event, i) => toIntegrationEvents(stored(event, `e${i}`))),
  ...(
    [
      { type: 'AccountLocked', data: { lockedUntil: at(900), consecutiveFailures: 5, at: at(1) } },
      { type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil: at(900), at: at(901) } },
      { type: 'LoginSucceeded', data: { sessionId: 's', method: 'PASSWORD', challengeId: null, at: at(2) } },
      { type: 'PasswordCheckFailed', data: { consecutiveFailures: 1, at: at(3) } },
      { type: 'AttemptRejectedWhileLocked', data: { operation: 'COMPLETE_LOGIN', lockedUntil: at(900), at: at(4) } },
      { type: 'ProtectionDisabled', data: { method: 'TOTP', scenes: ['LOGON'], verificationId: 'v-2', at: at(5) } },
      {
        type: 'ProtectionChanged',
        data: {
          scenesBefore: ['LOGON'],
          methodBefore: 'TOTP',
          scenes: ['SENSITIVE_OPERATION'],
          method: 'SMS',
          verificationId: 'v-3',
          at: at(6),
        },
      },
    ] as AccountEvent[]
  ).flatMap((event, i) => toIntegrationEvents(stored(event, `f${i}`))),
];

describe('integration event schemas', () => {
  it('accept every event the mapping produces, with nothing more in them', () => {
    expect(new Set(samples.map((e) => e.type)).size).toBe(7);
    for (const event of samples)
      expect({ type: event.type, problems: check(integrationEventSchema(event.type), event) }).toEqual({ type: event.type, problems: [] });
  });

  it('accept what ProtectionDisabled gives: identity.mfa.disabled.v1 and protection.changed.v1 with protection off', () => {
    const disabled = samples.filter((e) => e.id.startsWith('f5'));
    expect(disabled.map((e) => [e.type, e.data])).toEqual([
      ['identity.mfa.disabled.v1', { accountId: 'acc-1', method: 'TOTP' }],
      ['identity.protection.changed.v1', { accountId: 'acc-1', protectionEnabled: false, method: null, scenes: [] }],
    ]);
    for (const event of disabled) expect(check(integrationEventSchema(event.type), event)).toEqual([]);
    const firstDisabled = defined(disabled[0], 'an mfa.disabled sample');
    const withScenes = { ...firstDisabled, data: { ...firstDisabled.data, scenes: ['LOGON'] } };
    expect(check(integrationEventSchema('identity.mfa.disabled.v1'), withScenes)).toEqual(['$.data: unexpected scenes']);
  });

  it("accept a RAM user's events with primaryaccountid, and refuse an empty one", () => {
    const event = defined(samples[0], 'a sample event');
    const schema = integrationEventSchema(event.type);
    const [ramUsers] = withPrimaryAccount([event], 'primary-1');
    expect(check(schema, ramUsers)).toEqual([]);
    expect(check(schema, { ...event, primaryaccountid: '' })).toEqual(['$.primaryaccountid: too short']);
  });

  it('refuse a field that is not in the schema, a wrong type and a missing field', () => {
    const event = defined(samples[0], 'a sample event');
    const schema = integrationEventSchema(event.type as IntegrationEventType);
    expect(check(schema, { ...event, data: { ...event.data, secret: 'x' } })).toEqual(['$.data: unexpected secret']);
    expect(check(schema, { ...event, time: 'yesterday' })).toEqual(['$.time: not a date-time']);
    const { subject: _subject, ...withoutSubject } = event;
    expect(check(schema, withoutSubject)).toEqual(['$: missing subject']);
  });

  it('are printed verbatim in docs/events.md', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/events.md'), 'utf8');
    for (const { type, schema } of INTEGRATION_EVENT_SCHEMAS) {
      expect({ type, documented: docs.includes(JSON.stringify(schema, null, 2)) }).toEqual({ type, documented: true });
    }
  });
});
