import { DynamicModule, Module } from '@nestjs/common';
import { CODE_SENDER } from './code-delivery.port';
import { RoutingCodeSender, RoutingCodeSenderOptions } from './routing-code-sender';

/** Provides CODE_SENDER: codes routed by channel to the webhook, SMTP, or the development log. */
@Module({})
export class DeliveryModule {
  static forRoot(options: RoutingCodeSenderOptions): DynamicModule {
    return {
      module: DeliveryModule,
      global: true,
      providers: [{ provide: CODE_SENDER, useValue: new RoutingCodeSender(options) }],
      exports: [CODE_SENDER],
    };
  }
}
