import { DynamicModule, Logger, Module } from '@nestjs/common';
import { CODE_SENDER } from './code-delivery.port';
import { RoutingCodeSender, RoutingCodeSenderOptions } from './routing-code-sender';

/**
 * Provides CODE_SENDER: codes routed by channel to the webhook, SMTP, or the development log; and the
 * RoutingCodeSender itself, whose channels /health reports.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: RoutingCodeSenderOptions): DynamicModule {
    const logger = new Logger('CodeDelivery');
    const sender = new RoutingCodeSender({ logState: (level, line) => logger[level](line), ...options });
    return {
      module: DeliveryModule,
      global: true,
      providers: [
        { provide: RoutingCodeSender, useValue: sender },
        { provide: CODE_SENDER, useValue: sender },
      ],
      exports: [CODE_SENDER, RoutingCodeSender],
    };
  }
}
