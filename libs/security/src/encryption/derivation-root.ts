import { KeyStore } from './key-store.port';
import { DERIVATION_ROOT_AAD, unwrapKey } from './key-wrap';

/**
 * The key every derived key (deriveKey: code hashing, address keys, challenge-id and session-token
 * signing, recovery-code hashing, idempotent answers) comes from. Until the first master key rotation
 * it is the master key itself; the rotation stores that value in keys.db wrapped by the new master key,
 * and from then on it is unwrapped from there. So a rotation changes no derived key: the recovery-code
 * hashes and address keys inside events, the stream ids of unknown login names and the sessions
 * issued stay valid.
 */
export function derivationRootOf(masterKey: Buffer, keyStore: Pick<KeyStore, 'wrappedDerivationRoot'>): Buffer {
  const wrapped = keyStore.wrappedDerivationRoot();
  if (!wrapped) return masterKey;
  try {
    return unwrapKey(masterKey, DERIVATION_ROOT_AAD, wrapped);
  } catch {
    throw new Error('the derivation root in keys.db does not open with this master key');
  }
}
