import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { registerDecorator, ValidationOptions, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** NIST SP 800-63B: at least 8 characters, long passphrases allowed, no composition rules, common and breached ones refused. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
/** The estimate reads this many characters: beyond it a password is no weaker, and the matcher's time grows with length. */
const CHECKED_PREFIX = 64;
/** zxcvbn's score 0 and 1: fewer than 10^6 guesses, i.e. on a list of common or breached passwords or a trivial pattern. */
const LOWEST_ACCEPTED_SCORE = 2;

let estimator: ZxcvbnFactory | null = null;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

/** Why a password is refused, in words that never contain it; null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const result = zxcvbn().check([...password].slice(0, CHECKED_PREFIX).join(''), context);
  if (result.score >= LOWEST_ACCEPTED_SCORE) return null;
  const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})` : '';
  return `is too common or too easy to guess${why}; a longer passphrase of unrelated words works`;
}

@ValidatorConstraint({ name: 'acceptablePassword' })
class AcceptablePasswordConstraint implements ValidatorConstraintInterface {
  private lastProblem = 'is not acceptable';

  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const problem = passwordProblem(value);
    if (problem) this.lastProblem = problem;
    return problem === null;
  }

  defaultMessage(): string {
    return `password ${this.lastProblem}`;
  }
}

/** class-validator: the password policy above; the message says why, never what. */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({ target: target.constructor, propertyName, options, validator: AcceptablePasswordConstraint });
}
