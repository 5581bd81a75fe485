import { RecoveryCodesGenerated, RecoveryCodeUsed } from '../../account.events';
import { AccountState } from '../../account.state';

/** The recovery codes' events folded into the account state (ProtectionDisabled voids the set, and a failed check counts as a wrong code, in evolveAccount). */
export function evolveRecoveryCodes(state: AccountState, event: RecoveryCodesGenerated | RecoveryCodeUsed): AccountState {
  switch (event.type) {
    case 'RecoveryCodesGenerated': {
      const { setId, codes } = event.data;
      return { ...state, recoveryCodes: { setId, codes: codes.map((c) => ({ salt: c.salt, hash: c.hash, usedAt: null })) } };
    }
    case 'RecoveryCodeUsed': {
      const { setId, index, at } = event.data;
      const set = state.recoveryCodes;
      if (set === null || set.setId !== setId) return state;
      const codes = set.codes.map((c, i) => (i === index ? { ...c, usedAt: at } : c));
      return { ...state, recoveryCodes: { ...set, codes } };
    }
  }
}
