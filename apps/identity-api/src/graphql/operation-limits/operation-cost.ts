import {
  FragmentDefinitionNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/** Root fields whose work is more than a row read: securityStateAt folds a whole stream. */
const FIELD_WEIGHTS: Readonly<Record<string, number>> = { securityStateAt: 20, auditTrail: 10, accountSecurity: 2 };

/** Page-size arguments: their value multiplies the cost of everything selected under the field. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export interface PageSizeProblem {
  field: string;
  argument: string;
  value: number;
}

export interface CostResult {
  cost: number;
  pageSizes: PageSizeProblem[];
}

/**
 * The cost of an operation with its variables: each field costs its weight (1 by default), and a
 * field with a page size (`first`, its default when not given) costs that many times its children.
 * Every page size seen is reported so that the caller can cap it.
 */
export function operationCost(input: CostInput): CostResult {
  const pageSizes: PageSizeProblem[] = [];
  const root = input.schema.getRootType(input.operation.operation);
  const cost = root ? selectionCost(input, root, input.operation.selectionSet, pageSizes) : 0;
  return { cost, pageSizes };
}

function selectionCost(input: CostInput, type: GraphQLNamedType, set: SelectionSetNode, pageSizes: PageSizeProblem[]): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const narrowed = selection.typeCondition ? (input.schema.getType(selection.typeCondition.name.value) ?? type) : type;
      total += selectionCost(input, narrowed, selection.selectionSet, pageSizes);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = input.fragments[selection.name.value];
      const narrowed = fragment ? (input.schema.getType(fragment.typeCondition.name.value) ?? type) : type;
      if (fragment) total += selectionCost(input, narrowed, fragment.selectionSet, pageSizes);
    } else {
      const name = selection.name.value;
      const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
      let multiplier = 1;
      for (const argumentName of PAGE_ARGUMENTS) {
        const given = selection.arguments?.find((a) => a.name.value === argumentName);
        const fallback = definition?.args.find((a) => a.name === argumentName)?.defaultValue;
        const value = given ? argumentValue(given.value, input.variables) : fallback;
        if (typeof value === 'number') {
          pageSizes.push({ field: selection.alias?.value ?? name, argument: argumentName, value });
          multiplier = Math.max(multiplier, value);
        }
      }
      const children =
        selection.selectionSet && definition ? selectionCost(input, getNamedType(definition.type), selection.selectionSet, pageSizes) : 0;
      total += (FIELD_WEIGHTS[name] ?? 1) + multiplier * children;
    }
  }
  return total;
}

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  return valueFromASTUntyped(node, variables);
}
