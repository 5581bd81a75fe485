import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar';
import { AuditPageRow } from './audit-page-fields';
import { AuditTrailPage } from './audit-trail.reader';

@ObjectType('AuditEvent', { description: 'One recorded event: what happened, when, by whom and from where. Data is redacted.' })
export class AuditEventModel {
  @Field(() => ID) eventId!: string;
  @Field({ description: "The event's position in the store's global order (decimal, or `commit:prepare`)." }) position!: string;
  @Field({ description: 'The stream it was written to, e.g. `account-<id>`.' }) streamId!: string;
  @Field(() => ID, { nullable: true }) accountId!: string | null;
  @Field({ description: 'The event type, e.g. `PasswordCheckFailed`.' }) type!: string;
  @Field(() => Date, { description: 'When it happened (the domain time).' }) occurredAt!: Date;
  @Field(() => Date, { description: 'When the store recorded it.' }) recordedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Who caused it: `account:<id>`, `apikey:<keyId>`, `cli`, or null.' })
  actor!: string | null;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field(() => JsonScalar, {
    nullable: true,
    description: 'The event data; secrets, codes, hashes, phone numbers and emails show as "[redacted]".',
  })
  data!: Record<string, unknown> | null;

  /** The fields the page read (the query's selection); times become Dates for the DateTime scalar. */
  static fromRow(row: AuditPageRow): AuditEventModel {
    const { occurredAt, recordedAt, ...rest } = row;
    const model = Object.assign(new AuditEventModel(), rest);
    if (occurredAt !== undefined) model.occurredAt = new Date(occurredAt);
    if (recordedAt !== undefined) model.recordedAt = new Date(recordedAt);
    return model;
  }
}

@ObjectType('AuditEventEdge')
export class AuditEventEdgeModel {
  @Field({ description: 'Opaque; pass it as `after` to continue after this event.' }) cursor!: string;
  @Field(() => AuditEventModel) node!: AuditEventModel;
}

@ObjectType('PageInfo', { description: 'Relay page information for forward pagination.' })
export class PageInfoModel {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; null when the page is empty.' })
  endCursor!: string | null;
}

@ObjectType('AuditEventConnection', { description: 'A page of the audit trail, in position order.' })
export class AuditEventConnectionModel {
  @Field(() => [AuditEventEdgeModel]) edges!: AuditEventEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;

  static fromPage(page: AuditTrailPage): AuditEventConnectionModel {
    return Object.assign(new AuditEventConnectionModel(), {
      edges: page.edges.map((edge) =>
        Object.assign(new AuditEventEdgeModel(), { cursor: edge.cursor, node: AuditEventModel.fromRow(edge.node) }),
      ),
      pageInfo: Object.assign(new PageInfoModel(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    });
  }
}
