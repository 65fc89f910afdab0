import { ApiProperty } from '@nestjs/swagger';
import { CitizenLanguages } from '@jansetu/platform';

/** The preview's `languages` field: what each language's recipients get, and at what SMS cost. */
export class LanguagePreviewDto {
  @ApiProperty({ enum: CitizenLanguages, description: 'the language these recipients chose (Hindi unless they chose)' })
  language: string;
  @ApiProperty() recipients: number;
  @ApiProperty({ description: 'of them, those reached by SMS' }) smsRecipients: number;
  @ApiProperty({ enum: CitizenLanguages, description: 'the language of the text they get: theirs, else Hindi' })
  sentIn: string;
  @ApiProperty({ description: 'true when they get the Hindi text because the broadcast has none in theirs' })
  fallback: boolean;
  @ApiProperty({ description: 'characters of the text as sent (Unicode code points)' }) characters: number;
  @ApiProperty({ enum: ['gsm7', 'ucs2'] }) encoding: string;
  @ApiProperty() segmentsPerMessage: number;
  @ApiProperty({ description: 'segmentsPerMessage × smsRecipients' }) totalSegments: number;
  @ApiProperty() estimatedCostInr: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'set when recipients of this language get the Hindi fallback',
  })
  warning: string | null;
}
