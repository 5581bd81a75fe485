import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { RamUserTargetInput } from '../ram-user-target.input';

@InputType()
export class DeleteRamUserInput extends RamUserTargetInput {}

@ObjectType()
export class DeleteRamUserPayload {
  @Field(() => ID) accountId!: string;
  @Field({ description: 'Always true: the user is erased (also when it was already).' }) deleted!: boolean;
}
