import { Command } from '@nestjs/cqrs';

export class LoginCommand extends Command<{ accessToken: string }> {
  constructor(
    readonly username: string,
    readonly password: string,
  ) {
    super();
  }
}
