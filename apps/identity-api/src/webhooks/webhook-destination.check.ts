import { Inject, Injectable } from '@nestjs/common';
import { checkWebhookUrl } from '@identity/domain';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { apiError } from '../graphql/api-error';
import { isForbiddenAddress, resolveHost } from './webhook-address-guard';

/**
 * Checks a webhook URL before it is registered: the domain's rules (http/https, no credentials),
 * then the network's: the host must resolve, and not to a private, loopback or link-local address
 * unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. Delivery checks the address again on every connection.
 */
@Injectable()
export class WebhookDestinationCheck {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check(url: string): Promise<void> {
    const normalised = checkWebhookUrl(url);
    // One answer for a host that does not resolve and one that is internal: the answer must not map the network.
    const refused = () => apiError('BAD_USER_INPUT', 'url: the host must resolve to a public address', { field: 'url' });
    let addresses: string[];
    try {
      addresses = await resolveHost(new URL(normalised));
    } catch {
      throw refused();
    }
    if (!this.config.webhooks.allowPrivateNetworks && addresses.some(isForbiddenAddress)) throw refused();
  }
}
