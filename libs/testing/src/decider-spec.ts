/**
 * given(events).when(command).then(events) / .thenThrows(code) for deciders: the specification
 * style of the domain. Events are plain `{ type, data }` objects.
 */
export interface SpecDecider<S, C, E> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export function deciderSpec<S, C, E>(decider: SpecDecider<S, C, E>) {
  return {
    given(history: E[]) {
      const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            /** Each event matches the shape given (a deep subset of its fields). */
            thenMatch(expected: Array<{ type: string; data?: Record<string, unknown> }>) {
              const events = run();
              expect(events).toHaveLength(expected.length);
              expected.forEach((e, i) => expect(events[i]).toMatchObject(e));
            },
            /** A DomainError of this code (and, when given, naming this field). */
            thenThrows(code: string, field?: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeDefined();
              expect((thrown as { code?: string }).code).toBe(code);
              if (field !== undefined) expect((thrown as { field?: string }).field).toBe(field);
            },
            events: run,
          };
        },
      };
    },
  };
}
