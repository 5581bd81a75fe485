import { Module } from '@nestjs/common';
import { SessionsResolver } from './sessions.resolver';

/** The person's own sessions (read side; logout and revocation are account use cases). */
@Module({ providers: [SessionsResolver] })
export class SessionsModule {}
