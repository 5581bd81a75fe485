import { ApiKeyRole } from '@identity/domain';
import { forbidden, unauthenticated } from '../graphql/api-error';

export type Principal =
  | { kind: 'person'; accountId: string; sessionId: string }
  | { kind: 'machine'; keyId: string; name: string; role: ApiKeyRole };

/** Who asked, from where: recorded in every event's metadata. */
export interface RequestMeta {
  correlationId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface RequestContext {
  principal: Principal | null;
  meta: RequestMeta;
}

export function actorOf(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'person' ? `account:${principal.accountId}` : `apikey:${principal.keyId}`;
}

export function requirePerson(context: RequestContext): Extract<Principal, { kind: 'person' }> {
  const principal = context.principal;
  if (!principal) throw unauthenticated();
  if (principal.kind !== 'person') throw forbidden();
  return principal;
}

export function requireAnyPrincipal(context: RequestContext): Principal {
  if (!context.principal) throw unauthenticated();
  return context.principal;
}

/** Machines with one of these roles may pass; people may not. */
export function requireRole(context: RequestContext, roles: readonly ApiKeyRole[]): Extract<Principal, { kind: 'machine' }> {
  const principal = requireAnyPrincipal(context);
  if (principal.kind !== 'machine' || !roles.includes(principal.role)) throw forbidden();
  return principal;
}
