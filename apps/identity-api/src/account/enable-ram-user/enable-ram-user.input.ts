import { InputType } from '@nestjs/graphql';
import { RamUserTargetInput } from '../ram-user-target.input';

@InputType()
export class EnableRamUserInput extends RamUserTargetInput {}
