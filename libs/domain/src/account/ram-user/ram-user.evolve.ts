import { AccountState } from '../account.state';
import { RamUserAccountEvent } from './ram-user.events';

/** Folds the RAM-user events of an account stream. */
export function evolveRamUser(state: AccountState, event: RamUserAccountEvent): AccountState {
  switch (event.type) {
    case 'RamUserSettingsChanged': {
      const { displayName, mfaRequired, passwordResetRequired } = event.data;
      return { ...state, displayName, mfaRequired, passwordResetRequired };
    }
    case 'AccountDisabled':
      return { ...state, disabled: true };
    case 'AccountEnabled':
      return { ...state, disabled: false };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
