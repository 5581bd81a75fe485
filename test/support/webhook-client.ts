import { gql, GqlResponse } from './graphql-client';

/** The webhook operations over HTTP, as an integrator's tooling would call them. */
export interface Webhook {
  webhookId: string;
  url: string;
  eventTypes: string[];
  state: 'ACTIVE' | 'FAILING';
  secret: string | null;
  ownerKeyId: string;
  createdAt: string;
  lastDeliveredPosition: string | null;
  deliveredCount: number;
  failures: number;
  nextRetryAt: string | null;
  lastError: string | null;
  failingSince: string | null;
}

const FIELDS =
  'webhookId url eventTypes state secret ownerKeyId createdAt lastDeliveredPosition deliveredCount failures nextRetryAt lastError failingSince';

/** Request headers with the caller's credentials: `x-api-key`, `authorization`, or none. */
export type Credentials = Record<string, string>;

export class WebhookClient {
  constructor(private readonly graphqlUrl: string) {}

  create(credentials: Credentials, input: { url: string; eventTypes: string[] }): Promise<GqlResponse<{ createWebhook: Webhook }>> {
    return gql(
      this.graphqlUrl,
      `mutation createWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { ${FIELDS} } }`,
      { input },
      credentials,
    );
  }

  list(credentials: Credentials): Promise<GqlResponse<{ webhooks: Webhook[] }>> {
    return gql(this.graphqlUrl, `query webhooks { webhooks { ${FIELDS} } }`, {}, credentials);
  }

  delete(credentials: Credentials, webhookId: string): Promise<GqlResponse<{ deleteWebhook: boolean }>> {
    return gql(this.graphqlUrl, 'mutation deleteWebhook($id: ID!) { deleteWebhook(webhookId: $id) }', { id: webhookId }, credentials);
  }

  rotate(
    credentials: Credentials,
    webhookId: string,
    previousSecretValidForSeconds?: number,
  ): Promise<GqlResponse<{ rotateWebhookSecret: Webhook }>> {
    return gql(
      this.graphqlUrl,
      `mutation rotate($id: ID!, $grace: Int) {
      rotateWebhookSecret(webhookId: $id, previousSecretValidForSeconds: $grace) { ${FIELDS} } }`,
      { id: webhookId, grace: previousSecretValidForSeconds },
      credentials,
    );
  }

  resume(credentials: Credentials, webhookId: string): Promise<GqlResponse<{ resumeWebhook: Webhook }>> {
    return gql(
      this.graphqlUrl,
      `mutation resume($id: ID!) { resumeWebhook(webhookId: $id) { ${FIELDS} } }`,
      { id: webhookId },
      credentials,
    );
  }

  /** The created webhook; fails with the whole answer otherwise. */
  async mustCreate(credentials: Credentials, input: { url: string; eventTypes: string[] }): Promise<Webhook> {
    const response = await this.create(credentials, input);
    if (!response.body.data?.createWebhook) throw new Error(`createWebhook failed: ${response.text}`);
    return response.body.data.createWebhook;
  }

  async mustList(credentials: Credentials): Promise<Webhook[]> {
    const response = await this.list(credentials);
    if (!response.body.data?.webhooks) throw new Error(`webhooks failed: ${response.text}`);
    return response.body.data.webhooks;
  }
}
