import { Module } from '@nestjs/common';
import { Authenticator } from './authenticator.service';
import { SessionActivity } from './session-activity';

@Module({ providers: [Authenticator, SessionActivity], exports: [Authenticator] })
export class AuthModule {}
