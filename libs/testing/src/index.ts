export * from './decider-spec';
export * from './account-events.builder';
export * from './stored-event-shapes';
export * from './fixed-clock';
export * from './defined';
export * from './account-commands.builder';
