export * from './decider-spec';
export * from './account-events.builder';
