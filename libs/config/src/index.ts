export * from './app-config';
export * from './create-event-store';
