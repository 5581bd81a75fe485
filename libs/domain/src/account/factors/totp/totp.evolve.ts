import {
  AuthenticatorRenamed,
  TotpBound,
  TotpCodeAccepted,
  TotpEnrollmentStarted,
  TotpResynchronized,
  TotpUnbound,
} from '../../account.events';
import { AccountState } from '../../account.state';

/** The TOTP factor's events folded into the account state. */
export function evolveTotp(
  state: AccountState,
  event: TotpEnrollmentStarted | TotpCodeAccepted | TotpBound | TotpUnbound | AuthenticatorRenamed | TotpResynchronized,
): AccountState {
  switch (event.type) {
    case 'TotpEnrollmentStarted': {
      const d = event.data;
      const enrollment = {
        verificationId: d.verificationId,
        scenes: d.scenes,
        secret: d.secret,
        expiresAt: d.expiresAt,
        name: d.name,
        purpose: d.purpose,
        acceptedTimeStep: null,
      };
      return { ...state, enrollments: { ...state.enrollments, [d.enrollmentId]: enrollment } };
    }
    case 'TotpCodeAccepted': {
      const { purpose, timeStep, authenticatorId, at } = event.data;
      if (purpose === 'BIND') {
        // The binding's code: it starts the history of the authenticator TotpBound creates next.
        const enrollment = state.enrollments[authenticatorId];
        const atLogon = state.logonEnrollments[authenticatorId];
        if (atLogon) {
          return {
            ...state,
            logonEnrollments: { ...state.logonEnrollments, [authenticatorId]: { ...atLogon, acceptedTimeStep: timeStep } },
          };
        }
        if (!enrollment) return state;
        return { ...state, enrollments: { ...state.enrollments, [authenticatorId]: { ...enrollment, acceptedTimeStep: timeStep } } };
      }
      const authenticator = state.authenticators[authenticatorId];
      if (!authenticator) return state;
      const last = Math.max(authenticator.lastAcceptedTimeStep ?? timeStep, timeStep);
      return {
        ...state,
        authenticators: { ...state.authenticators, [authenticatorId]: { ...authenticator, lastAcceptedTimeStep: last, lastUsedAt: at } },
      };
    }
    case 'TotpBound': {
      const { authenticatorId, secret, name, at } = event.data;
      const enrollment = state.enrollments[authenticatorId];
      // The binding consumes its verification: the other enrollments begun with it are void too.
      const servedBy = enrollment?.verificationId;
      const enrollments = Object.fromEntries(
        Object.entries(state.enrollments).filter(
          ([id, e]) => id !== authenticatorId && (servedBy === undefined || e.verificationId !== servedBy),
        ),
      );
      const verifications = { ...state.verifications };
      const served = servedBy === undefined ? undefined : verifications[servedBy];
      if (servedBy !== undefined && served) verifications[servedBy] = { ...served, consumed: true };
      const authenticator = {
        kind: 'TOTP' as const,
        authenticatorId,
        name,
        secret,
        boundAt: at,
        lastUsedAt: null,
        lastAcceptedTimeStep: enrollment?.acceptedTimeStep ?? state.logonEnrollments[authenticatorId]?.acceptedTimeStep ?? null,
        driftSteps: 0,
      };
      return {
        ...state,
        consecutiveFailures: 0,
        enrollments,
        verifications,
        // A bound authenticator voids every forced enrollment still pending (docs/ram-users.md).
        logonEnrollments: {},
        authenticators: { ...state.authenticators, [authenticatorId]: authenticator },
      };
    }
    case 'TotpUnbound': {
      // Accepted time steps belong to the authenticator: one bound later starts its own history.
      const { [event.data.authenticatorId]: _unbound, ...authenticators } = state.authenticators;
      return { ...state, authenticators };
    }
    case 'AuthenticatorRenamed': {
      const authenticator = state.authenticators[event.data.authenticatorId];
      if (!authenticator) return state;
      return {
        ...state,
        authenticators: { ...state.authenticators, [authenticator.authenticatorId]: { ...authenticator, name: event.data.name } },
      };
    }
    case 'TotpResynchronized': {
      // The drift moves where later codes are looked for; the steps spent stay spent.
      const { authenticatorId, driftSteps, timeStep } = event.data;
      const authenticator = state.authenticators[authenticatorId];
      if (!authenticator) return state;
      const last = Math.max(authenticator.lastAcceptedTimeStep ?? timeStep, timeStep);
      return {
        ...state,
        authenticators: { ...state.authenticators, [authenticatorId]: { ...authenticator, driftSteps, lastAcceptedTimeStep: last } },
      };
    }
  }
}
