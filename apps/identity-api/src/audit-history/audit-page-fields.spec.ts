import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { auditColumns, auditPageRow, requestedAuditFields } from './audit-page-fields';

const schema = buildSchema(`
  type AuditEvent { eventId: ID! position: String! type: String! occurredAt: String! ip: String data: String }
  type Edge { cursor: String! node: AuditEvent! }
  type PageInfo { hasNextPage: Boolean! }
  type Connection { edges: [Edge!]! pageInfo: PageInfo! }
  type Query { auditTrail: Connection! }
`);

/** The fields requestedAuditFields finds in `query`, as the resolver of `auditTrail` would see them. */
async function fieldsOf(query: string): Promise<string[]> {
  let seen: Set<string> | null = null;
  const rootValue = {
    auditTrail: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      seen = requestedAuditFields(info);
      return { edges: [], pageInfo: { hasNextPage: false } };
    },
  };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return [...(seen ?? [])].sort();
}

describe('requestedAuditFields', () => {
  it('finds the fields selected under edges { node }, and none of the others', async () => {
    expect(await fieldsOf('{ auditTrail { edges { cursor node { position type } } pageInfo { hasNextPage } } }')).toEqual([
      'position',
      'type',
    ]);
  });

  it('follows named and inline fragments at every level, by field name whatever the alias', async () => {
    const query = `
      query { auditTrail { ...Page } }
      fragment Page on Connection { edges { ... on Edge { node { when: occurredAt ...Where } } } edges { node { eventId } } }
      fragment Where on AuditEvent { ip @include(if: false) }`;
    expect(await fieldsOf(query)).toEqual(['eventId', 'ip', 'occurredAt']);
  });

  it('finds nothing when no node field is selected', async () => {
    expect(await fieldsOf('{ auditTrail { pageInfo { hasNextPage } } }')).toEqual([]);
  });
});

describe('auditColumns and auditPageRow', () => {
  it('reads seq, then the fields asked for in a fixed order, and the type whenever data is asked for', () => {
    expect(auditColumns(['ip', 'position'])).toEqual({ fields: ['position', 'ip'], sql: 'seq, position, ip' });
    expect(auditColumns(['data'])).toEqual({ fields: ['type', 'data'], sql: 'seq, type, data' });
  });

  it('gives a row only the fields it read, with data parsed and redacted by its type', () => {
    const { fields } = auditColumns(['data', 'ip']);
    const row = auditPageRow([7, 'TotpBound', '127.0.0.1', JSON.stringify({ secret: 'JBSWY3DPEHPK3PXP', at: 'now' })], fields);
    expect(row).toEqual({ type: 'TotpBound', ip: '127.0.0.1', data: { secret: '[redacted]', at: 'now' } });
  });
});
