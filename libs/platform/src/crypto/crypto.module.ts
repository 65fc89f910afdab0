import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataKeys } from './data-keys';
import { BlindIndex, FieldCipher } from './field-cipher';

@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      // Retired keys stay readable until `cli reencrypt-contacts` has moved every row to the current one.
      useFactory: (c: AppConfig) =>
        new FieldCipher(c.ENCRYPTION_KEY_ID, { ...c.ENCRYPTION_OLD_KEYS, [c.ENCRYPTION_KEY_ID]: c.ENCRYPTION_KEY }),
    },
    { provide: BlindIndex, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new BlindIndex(c.BLIND_INDEX_KEY) },
    DataKeys,
  ],
  exports: [FieldCipher, BlindIndex, DataKeys],
})
export class CryptoModule {}
