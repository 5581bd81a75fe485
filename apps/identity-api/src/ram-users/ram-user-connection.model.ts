import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageInfoModel } from '../audit-history/audit-event.model';
import { RamUserModel, RamUserStatusEnum } from './ram-user.model';

@InputType()
export class RamUsersFilterInput {
  @Field({ nullable: true, description: 'true: only users with a bound authenticator; false: only those without one.' })
  @IsOptional()
  @IsBoolean()
  mfaBound?: boolean;

  @Field(() => RamUserStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(RamUserStatusEnum)
  status?: RamUserStatusEnum;

  @Field(() => ID, { nullable: true, description: 'An auditor or admin key names the primary account; a person may name only their own.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  primaryAccountId?: string;
}

@ObjectType('RamUserEdge')
export class RamUserEdgeModel {
  @Field({ description: 'Opaque; pass it as `after` to continue after this user.' }) cursor!: string;
  @Field(() => RamUserModel) node!: RamUserModel;
}

@ObjectType('RamUserConnection', { description: "A page of a primary account's RAM users, in the order they were created." })
export class RamUserConnectionModel {
  @Field(() => [RamUserEdgeModel]) edges!: RamUserEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}
