import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SessionRow } from '@identity/read-models';
import { SessionProofMethodEnum } from '../graphql/graphql-enums';

@ObjectType('SessionInfo', { description: 'One of your live sessions: never its token.' })
export class SessionInfoModel {
  @Field(() => ID) sessionId!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { description: 'The last request made with it, to the minute.' }) lastSeenAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String, { nullable: true, description: 'The client address of the logon.' }) clientAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'The User-Agent of the logon.' }) userAgent!: string | null;
  @Field(() => SessionProofMethodEnum, { description: 'How the logon was proven.' }) provenBy!: SessionProofMethodEnum;
  @Field(() => ID, { nullable: true, description: 'The authenticator whose code proved the logon.' })
  provenByAuthenticatorId!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'The last second-factor proof on this session: the logon’s own, a stepUp, or the code that turned protection on.',
  })
  secondFactorAt!: Date | null;
  @Field(() => SessionProofMethodEnum, { nullable: true }) secondFactorMethod!: SessionProofMethodEnum | null;
  @Field({ description: 'True for the session of this request.' }) current!: boolean;

  static fromRow(row: SessionRow, currentSessionId: string): SessionInfoModel {
    return Object.assign(new SessionInfoModel(), {
      sessionId: row.sessionId,
      createdAt: new Date(row.createdAt),
      lastSeenAt: new Date(row.lastSeenAt),
      expiresAt: new Date(row.expiresAt),
      clientAddress: row.clientAddress,
      userAgent: row.userAgent,
      provenBy: row.proofMethod as SessionProofMethodEnum,
      provenByAuthenticatorId: row.proofAuthenticatorId,
      secondFactorAt: row.secondFactorAt ? new Date(row.secondFactorAt) : null,
      secondFactorMethod: row.secondFactorMethod as SessionProofMethodEnum | null,
      current: row.sessionId === currentSessionId,
    });
  }
}
