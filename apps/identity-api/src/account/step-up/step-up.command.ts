import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { StepUpInput, StepUpPayload } from './step-up.input';

export class StepUpCommand extends Command<StepUpPayload> {
  constructor(
    readonly input: StepUpInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
