import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { BlindIndex, FieldCipher, maskContact, NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { mayManage } from '../../domain/alerts';
import { AlertContactRow, AlertRepository } from '../../persistence/alert.repository';
import { AddAlertContactCommand } from './add-alert-contact.command';

@CommandHandler(AddAlertContactCommand)
export class AddAlertContactHandler implements ICommandHandler<AddAlertContactCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly cipher: FieldCipher,
    private readonly blind: BlindIndex,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, contact }: AddAlertContactCommand): Promise<AlertContactRow> {
    const address = contact.address.trim();
    if (!address) throw new ValidationError('an address is required / पता आवश्यक है');
    return this.dataSource.transaction(async (m) => {
      let path = officer.jurisdictionPath;
      if (contact.jurisdictionCode) path = (await this.jurisdictions.byCode(m, contact.jurisdictionCode)).path;
      if (!path || !mayManage(officer, path)) throw new NotFoundError(`jurisdiction ${contact.jurisdictionCode}`);
      const row = await this.alerts.addContact(m, {
        path,
        channel: contact.channel,
        sealed: this.cipher.encrypt(address),
        mask: maskContact(contact.channel, address),
        hash: this.blind.hash(contact.channel, address),
        label: contact.label.trim(),
        by: officer.id,
      });
      if (!row) throw new ValidationError('this address is already an alert contact here / यह पता पहले से जुड़ा है');
      await this.audit.record(m, {
        chainId: `alert-contact:${row.id}`,
        type: 'alerts.contact_added',
        actor: officerActor(officer),
        jurisdictionPath: path,
        subject: { alertContactId: row.id },
        body: { channel: row.channel, addressMask: row.addressMask, label: row.label },
      });
      return row;
    });
  }
}
