import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { BindTotpInput, BindTotpPayload } from './bind-totp.input';

export class BindTotpCommand extends Command<BindTotpPayload> {
  constructor(readonly input: BindTotpInput, readonly context: RequestContext) {
    super();
  }
}
