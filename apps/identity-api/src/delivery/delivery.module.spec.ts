import { NestFactory } from '@nestjs/core';
import { CODE_SENDER, CodeSender } from './code-delivery.port';
import { DeliveryModule } from './delivery.module';
import { RoutingCodeSender } from './routing-code-sender';

describe('DeliveryModule.forRoot', () => {
  it('provides CODE_SENDER as a routing sender built from the options', async () => {
    const lines: string[] = [];
    const app = await NestFactory.createApplicationContext(DeliveryModule.forRoot({ log: (line) => lines.push(line) }), { logger: false });
    try {
      const sender = app.get<CodeSender>(CODE_SENDER);
      expect(sender).toBeInstanceOf(RoutingCodeSender);
      await sender.send({ channel: 'SMS', to: '+15550001234', code: '161803', purpose: 'LOGIN', expiresAt: new Date() });
      expect(lines).toEqual([expect.stringContaining('[DEV DELIVERY] SMS to +15550001234: code 161803')]);
    } finally {
      await app.close();
    }
  });
});
