import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LoginStatusEnum, VerificationMethodEnum } from '../../graphql/graphql-enums';

@ObjectType()
export class Session {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Short-lived.' }) token!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType()
export class MfaChallenge {
  @Field(() => ID, { description: 'Pass to completeLogin with the code.' }) challengeId!: string;
  @Field(() => [VerificationMethodEnum]) methods!: VerificationMethodEnum[];
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType()
export class LoginPayload {
  @Field(() => LoginStatusEnum) status!: LoginStatusEnum;
  @Field(() => Session, { nullable: true }) session!: Session | null;
  @Field(() => MfaChallenge, { nullable: true }) challenge!: MfaChallenge | null;
}
