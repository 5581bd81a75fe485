import { Command } from '@nestjs/cqrs';
import { MachinePrincipal, RequestContext } from '../../auth/principal';
import { RevokeApiKeyInput } from './revoke-api-key.input';

export class RevokeApiKeyCommand extends Command<boolean> {
  constructor(
    readonly input: RevokeApiKeyInput,
    readonly admin: MachinePrincipal,
    readonly context: RequestContext,
  ) {
    super();
  }
}
