export * from './app-config';
export * from './create-event-store';
export * from './abuse-limits-config';
export * from './production-safety';
