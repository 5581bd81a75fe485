import { runCli } from './cli-process';
import { gql, GqlResponse } from './graphql-client';
import { AccountSecurity, SECURITY_FIELDS } from './flow';

/** The audit queries as an auditor's client sends them. */
export interface AuditEvent {
  eventId: string;
  position: string;
  accountId: string | null;
  type: string;
  occurredAt: string;
  actor: string | null;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  data: Record<string, unknown> | null;
}
export interface AuditFilter {
  accountId?: string;
  types?: string[];
  from?: string;
  to?: string;
}
interface Connection {
  edges: { cursor: string; node: AuditEvent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const AUDIT_TRAIL = `query auditTrail($filter: AuditFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    edges { cursor node { eventId position accountId type occurredAt actor ip userAgent correlationId data } }
    pageInfo { hasNextPage endCursor } } }`;
export const SECURITY_STATE_AT = `query securityStateAt($accountId: ID!, $at: DateTime!) {
  securityStateAt(accountId: $accountId, at: $at) { ${SECURITY_FIELDS} } }`;

export const apiKey = (key: string): Record<string, string> => ({ 'x-api-key': key });

/** A new API key from the CLI, run on the app's own configuration: the key is the last line it prints. */
export async function createApiKey(env: Record<string, string>, role: 'auditor' | 'integrator' | 'admin'): Promise<string> {
  const result = await runCli(['api-key', 'create', '--role', role, '--name', `audit e2e ${role}`], env);
  if (result.exitCode !== 0) throw new Error(`api-key create failed (${result.exitCode}): ${result.stderr}`);
  return result.stdout.trim().split('\n').pop() ?? '';
}

export function queryTrail(
  url: string,
  headers: Record<string, string>,
  variables: { filter?: AuditFilter; first?: number; after?: string },
): Promise<GqlResponse<{ auditTrail: Connection }>> {
  return gql<{ auditTrail: Connection }>(url, AUDIT_TRAIL, variables, headers);
}

/** Every page, following `endCursor`; the answers too, for scanning every byte a client saw. */
export async function readWholeTrail(
  url: string,
  headers: Record<string, string>,
  filter: AuditFilter | undefined,
  first: number,
): Promise<{ events: AuditEvent[]; pages: number; texts: string[] }> {
  const events: AuditEvent[] = [];
  const texts: string[] = [];
  let after: string | undefined;
  for (let pages = 1; pages <= 1000; pages++) {
    const response = await queryTrail(url, headers, { filter, first, after });
    const page = response.body.data?.auditTrail;
    if (!page || response.body.errors?.length) throw new Error(`auditTrail failed: ${response.text.slice(0, 800)}`);
    texts.push(response.text);
    if (page.edges.length > first) throw new Error(`a page of ${first} held ${page.edges.length} edges`);
    events.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return { events, pages, texts };
    if (!page.pageInfo.endCursor) throw new Error('hasNextPage without an endCursor');
    after = page.pageInfo.endCursor;
  }
  throw new Error('the trail did not end within 1000 pages');
}

export function stateAt(
  url: string,
  headers: Record<string, string>,
  accountId: string,
  at: string,
): Promise<GqlResponse<{ securityStateAt: AccountSecurity | null }>> {
  return gql<{ securityStateAt: AccountSecurity | null }>(url, SECURITY_STATE_AT, { accountId, at }, headers);
}

/** Orders positions as the store does: commit, then prepare (`commit:prepare`, or one number for both). */
export function comparePositions(a: string, b: string): number {
  const [ac, ap] = positionParts(a);
  const [bc, bp] = positionParts(b);
  if (ac !== bc) return ac < bc ? -1 : 1;
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

function positionParts(position: string): [bigint, bigint] {
  // split always yields at least one element, so the commit default never applies.
  const [commit = '', prepare = commit] = position.split(':');
  return [BigInt(commit), BigInt(prepare)];
}
