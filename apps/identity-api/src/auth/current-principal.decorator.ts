import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PersonContext, PrincipalContext, RequestContext, requireAnyPrincipal, requirePerson } from './principal';

function requestContextOf(execution: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(execution).getContext<RequestContext>();
}

/**
 * The request of a signed-in person, checked once here: no credentials are UNAUTHENTICATED, a
 * machine's key is FORBIDDEN. Resolvers pass it on; handlers trust its type and check nothing again.
 */
export const CurrentPerson = createParamDecorator((_data: unknown, execution: ExecutionContext): PersonContext => {
  const context = requestContextOf(execution);
  return { ...context, principal: requirePerson(context) };
});

/** The request of any authenticated caller, a person or a machine; UNAUTHENTICATED without one. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, execution: ExecutionContext): PrincipalContext => {
  const context = requestContextOf(execution);
  return { ...context, principal: requireAnyPrincipal(context) };
});
