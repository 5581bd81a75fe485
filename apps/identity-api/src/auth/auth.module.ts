import { Module } from '@nestjs/common';
import { Authenticator } from './authenticator.service';

@Module({ providers: [Authenticator], exports: [Authenticator] })
export class AuthModule {}
