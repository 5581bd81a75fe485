export * from './audit-signing-key';
export * from './cloud-event';
export * from './export-audit-events';
export * from './line-writer';
export * from './verify-audit-trail';
