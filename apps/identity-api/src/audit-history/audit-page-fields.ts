import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { redactEventData } from '@identity/domain';
import { AuditRow } from '@identity/read-models';

/** The fields of an audit row that the trail answers with (AuditEvent's), each stored in one column. */
export type AuditField =
  | 'eventId'
  | 'position'
  | 'streamId'
  | 'accountId'
  | 'type'
  | 'occurredAt'
  | 'recordedAt'
  | 'actor'
  | 'ip'
  | 'userAgent'
  | 'correlationId'
  | 'causationId'
  | 'data';

const COLUMN_OF: Readonly<Record<AuditField, string>> = {
  eventId: 'event_id',
  position: 'position',
  streamId: 'stream_id',
  accountId: 'account_id',
  type: 'type',
  occurredAt: 'occurred_at',
  recordedAt: 'recorded_at',
  actor: 'actor',
  ip: 'ip',
  userAgent: 'user_agent',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
  data: 'data',
};

export const ALL_AUDIT_FIELDS = Object.keys(COLUMN_OF) as readonly AuditField[];

/** An audit row with the fields a page read: the others are absent (GraphQL never asks for them). */
export type AuditPageRow = Partial<Pick<AuditRow, AuditField>>;

/**
 * What a page reads for `fields`: the columns, in order, after `seq` (the cursor). `data` needs
 * `type` too: redaction is by event type.
 */
export function auditColumns(fields: Iterable<AuditField>): { fields: readonly AuditField[]; sql: string } {
  const wanted = new Set(fields);
  if (wanted.has('data')) wanted.add('type');
  const read = ALL_AUDIT_FIELDS.filter((field) => wanted.has(field));
  return { fields: read, sql: ['seq', ...read.map((field) => COLUMN_OF[field])].join(', ') };
}

/** A row read as `auditColumns(fields)` gave it (`[seq, ...]`): data is redacted again on the way out. */
export function auditPageRow(row: readonly unknown[], fields: readonly AuditField[]): AuditPageRow {
  const node: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i += 1) node[fields[i] as AuditField] = row[i + 1];
  if (typeof node.data === 'string') node.data = redactEventData(node.type as string, JSON.parse(node.data) as Record<string, unknown>);
  return node as AuditPageRow;
}

/**
 * The AuditEvent fields the query selects under `edges { node { … } }` of this field, through
 * fragments, by field name (aliases do not matter). A field under `@skip`/`@include` counts as
 * selected: reading a column too many is harmless, one too few is not.
 */
export function requestedAuditFields(info: GraphQLResolveInfo): Set<AuditField> {
  const fields = new Set<AuditField>();
  for (const edges of fieldsNamed(info, info.fieldNodes, 'edges'))
    for (const node of fieldsNamed(info, [edges], 'node'))
      for (const field of fieldsNamed(info, [node]))
        if (Object.hasOwn(COLUMN_OF, field.name.value)) fields.add(field.name.value as AuditField);
  return fields;
}

/** The fields directly under `parents` (their selection sets, fragments spread), of one name or all. */
function fieldsNamed(info: GraphQLResolveInfo, parents: readonly FieldNode[], name?: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (name === undefined || selection.name.value === name) found.push(selection);
      } else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const parent of parents) visit(parent.selectionSet);
  return found;
}
