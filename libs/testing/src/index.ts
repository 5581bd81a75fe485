export * from './decider-spec';
export * from './fixed-clock';
export * from './account-events.builder';
export * from './stored-event-shapes';
