import { ApiKeyRole } from '@identity/domain';
import { NotAllowedError, NotSignedInError } from './access-errors';

export type PersonPrincipal = { kind: 'person'; accountId: string; sessionId: string };
export type MachinePrincipal = { kind: 'machine'; keyId: string; name: string; role: ApiKeyRole };
export type Principal = PersonPrincipal | MachinePrincipal;

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

/** A request whose principal was checked once, at the edge (see current-principal.decorator.ts). */
export type PersonContext = RequestContext & { principal: PersonPrincipal };
export type PrincipalContext = RequestContext & { principal: Principal };

export function actorOf(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'person' ? `account:${principal.accountId}` : `apikey:${principal.keyId}`;
}

export function requirePerson(context: RequestContext): PersonPrincipal {
  const principal = context.principal;
  if (!principal) throw new NotSignedInError();
  if (principal.kind !== 'person') throw new NotAllowedError();
  return principal;
}

export function requireAnyPrincipal(context: RequestContext): Principal {
  if (!context.principal) throw new NotSignedInError();
  return context.principal;
}

/** Machines with one of these roles may pass; people may not. */
export function requireRole(context: RequestContext, roles: readonly ApiKeyRole[]): MachinePrincipal {
  const principal = requireAnyPrincipal(context);
  if (principal.kind !== 'machine' || !roles.includes(principal.role)) throw new NotAllowedError();
  return principal;
}
