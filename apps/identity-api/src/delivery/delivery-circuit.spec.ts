import { CodeMessage, DeliveryFailedError } from './code-delivery.port';
import { DeliveryCircuit, FAILURES_TO_OPEN, PROBE_EVERY_MS } from './delivery-circuit';

const message: CodeMessage = { channel: 'SMS', to: '+15550100', code: '123456', purpose: 'LOGIN', expiresAt: new Date(0) };

describe('DeliveryCircuit', () => {
  let now = 1_000_000;
  let failing = true;
  let calls = 0;
  const lines: string[] = [];
  const provider = {
    send: () => {
      calls += 1;
      return failing ? Promise.reject(new DeliveryFailedError('SMS webhook answered 500')) : Promise.resolve();
    },
  };
  const circuit = new DeliveryCircuit(provider, {
    name: 'delivery (sms)',
    log: (level, line) => lines.push(`${level} ${line}`),
    now: () => now,
  });
  const refusal = () =>
    circuit.send(message).then(
      () => null,
      (error: DeliveryFailedError) => error,
    );

  it('passes failures on with a retryAfter of 1 s until enough come in a row', async () => {
    for (let i = 1; i < FAILURES_TO_OPEN; i += 1) expect(await refusal()).toMatchObject({ retryAfterSeconds: 1 });
    expect(circuit.health()).toEqual({ name: 'delivery (sms)', up: true });
  });

  it('then is down: logs it once, refuses at once without calling the provider, with the seconds to the next try', async () => {
    expect(await refusal()).toMatchObject({ retryAfterSeconds: PROBE_EVERY_MS / 1000 });
    const before = calls;
    now += 4000;
    expect(await refusal()).toMatchObject({ retryAfterSeconds: PROBE_EVERY_MS / 1000 - 4 });
    expect(await refusal()).toBeInstanceOf(DeliveryFailedError);
    expect(calls).toBe(before);
    expect(circuit.health()).toMatchObject({ up: false, detail: expect.stringContaining('answered 500') });
    expect(lines).toEqual([expect.stringMatching(/^warn delivery \(sms\) is down after 3 failures in a row/)]);
  });

  it('lets one probe through per interval; a failed one keeps it down, a good one brings it back', async () => {
    now += PROBE_EVERY_MS;
    const before = calls;
    expect(await refusal()).toMatchObject({ retryAfterSeconds: PROBE_EVERY_MS / 1000 });
    expect(calls).toBe(before + 1);
    failing = false;
    expect(await refusal()).toBeInstanceOf(DeliveryFailedError); // too soon for the next probe
    now += PROBE_EVERY_MS;
    expect(await refusal()).toBeNull();
    expect(circuit.health()).toEqual({ name: 'delivery (sms)', up: true });
    expect(lines.at(-1)).toBe('log delivery (sms) is back');
    expect(lines).toHaveLength(2);
  });
});
