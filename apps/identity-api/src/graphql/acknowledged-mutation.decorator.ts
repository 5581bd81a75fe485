import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { Mutation } from '@nestjs/graphql';
import { WriteAcknowledgedInterceptor } from './write-acknowledged.interceptor';

const writeAcknowledged = new WriteAcknowledgedInterceptor();

/**
 * `@Mutation`, with the WriteAcknowledgedInterceptor around the mutation (an error after recorded
 * writes answers WRITE_ACKNOWLEDGED). Every mutation resolver is declared with it: the lint refuses
 * `Mutation` from @nestjs/graphql elsewhere. The interceptor acts on top-level mutation fields only,
 * so it is attached to them rather than registered globally: with one global interceptor Nest runs
 * its interceptor chain (rxjs, AsyncResource.bind) around every resolver and field resolver of every
 * query too, which cost `me { security }` a quarter of its CPU (docs/benchmarks.md).
 */
export function AcknowledgedMutation(...args: Parameters<typeof Mutation>): MethodDecorator {
  return applyDecorators(Mutation(...args), UseInterceptors(writeAcknowledged));
}
