// End-to-end suites start the real app and wait on real servers: give their hooks and tests time.
jest.setTimeout(120_000);
