import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import { SecurityPreference } from '@identity/domain';

@InputType({ description: 'Each field left out (or null) stays as it is.' })
export class SetSecurityPreferenceInput {
  @Field({ nullable: true, description: 'Every RAM user must log on with an authenticator app; one without enrolls at its next logon.' })
  @IsOptional()
  @IsBoolean()
  ramUserMfaRequired?: boolean;

  @Field({
    nullable: true,
    description: 'RAM users may bind, rename, resync and remove their own authenticators and turn their protection on or off.',
  })
  @IsOptional()
  @IsBoolean()
  ramUsersManageOwnDevices?: boolean;

  @Field({ nullable: true, description: 'Logons may remember their device and skip the second factor for a number of days.' })
  @IsOptional()
  @IsBoolean()
  rememberDevice?: boolean;

  @Field(() => Int, { nullable: true, description: '1 to 30 (default 7 when rememberDevice is turned on); turns remembering on.' })
  @IsOptional()
  @IsInt()
  rememberDeviceDays?: number;
}

@ObjectType({ description: "A primary account's rules for the logons under it (docs/ram-users.md)." })
export class SecurityPreferenceModel {
  @Field() ramUserMfaRequired!: boolean;
  @Field() ramUsersManageOwnDevices!: boolean;
  @Field() rememberDevice!: boolean;
  @Field(() => Int, { nullable: true, description: 'Null while remembering devices is off.' }) rememberDeviceDays!: number | null;
  @Field({ description: 'Whose preference this is: the signed-in account, or (for a RAM user) its primary account.' })
  ownedByPrimary!: boolean;

  static of(preference: SecurityPreference, ownedByPrimary: boolean): SecurityPreferenceModel {
    const { ramUserMfaRequired, ramUsersManageOwnDevices, rememberDeviceDays } = preference;
    return {
      ramUserMfaRequired,
      ramUsersManageOwnDevices,
      rememberDevice: rememberDeviceDays !== null,
      rememberDeviceDays,
      ownedByPrimary,
    };
  }
}
