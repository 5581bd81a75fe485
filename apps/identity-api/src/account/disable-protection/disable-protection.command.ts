import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { DisableProtectionInput, DisableProtectionPayload } from './disable-protection.input';

export class DisableProtectionCommand extends Command<DisableProtectionPayload> {
  constructor(readonly input: DisableProtectionInput, readonly context: RequestContext) {
    super();
  }
}
