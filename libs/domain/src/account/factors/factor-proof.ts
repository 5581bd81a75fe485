/**
 * What the handler checked a submitted second factor against, as a fact; never the secret or the
 * code. A union on `kind`, one member per factor module (more kinds come with more factors).
 * - `TOTP`: the code matched this authenticator's secret at this time step.
 * - `DELIVERED_CODE`: the hash of the code the person typed (for an SMS/EMAIL challenge).
 * - `RECOVERY_CODE`: a recovery code was typed; `match` names the code of the current set it
 *   matched (compared in constant time against every code of the set, spent or not), null: none.
 */
export type FactorProof =
  | { kind: 'TOTP'; authenticatorId: string; timeStep: number }
  | { kind: 'DELIVERED_CODE'; codeHash: string }
  | { kind: 'RECOVERY_CODE'; match: { setId: string; index: number } | null };

export type FactorProofKind = FactorProof['kind'];
