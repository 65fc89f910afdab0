import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { CreateOfficerCommand } from '../commands/create-officer/create-officer.command';
import { OfficerRepository } from '../persistence/officer.repository';

/** Creates the first HQ admin from BOOTSTRAP_ADMIN_* when no officer exists yet; there is no default password. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    private readonly officers: OfficerRepository,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.officers.count()) > 0) return;
    const { BOOTSTRAP_ADMIN_USERNAME: username, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config;
    if (!username || !password) {
      this.logger.warn(
        'no officer exists: set BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD, or run `npm run cli -- create-officer`',
      );
      return;
    }
    // Two gateways may start together: the unique username makes the second attempt a harmless conflict.
    await this.commands
      .execute(new CreateOfficerCommand(username, password, 'hq_admin', null, 'HQ administrator'))
      .then(() => this.logger.log(`bootstrap HQ admin "${username}" created`))
      .catch((e: Error) => this.logger.warn(`bootstrap admin not created: ${e.message}`));
  }
}
