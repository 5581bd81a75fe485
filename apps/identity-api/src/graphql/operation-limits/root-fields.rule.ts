import { FieldNode, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { isGuardedMutation } from './mutation-roles';
import { operationLimitError } from './operation-limit-error';

/**
 * Per operation: at most `maxRootFields` root fields (aliases included, fragments followed), and in a
 * mutation at most one field that checks a secret, sends a code or creates an account, so that one
 * request cannot carry hundreds of password guesses or SMS sends.
 */
export function rootFieldsRule(maxRootFields: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const fields = rootFields(context, operation.selectionSet, new Set());
      if (fields.length > maxRootFields) {
        context.reportError(operationLimitError('rootFields', `an operation may select at most ${maxRootFields} root fields`, [operation]));
        return;
      }
      if (operation.operation !== 'mutation') return;
      const guarded = fields.filter((field) => isGuardedMutation(field.name.value));
      if (guarded.length > 1) {
        context.reportError(
          operationLimitError(
            'guardedMutations',
            'a request may hold only one mutation that checks a secret, sends a code or creates an account',
            guarded,
          ),
        );
      }
    },
  });
}

function rootFields(context: ValidationContext, selectionSet: SelectionSetNode, seen: Set<string>): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(context, selection.selectionSet, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) fields.push(...rootFields(context, fragment.selectionSet, seen));
    }
  }
  return fields;
}
