import { describe, expect, it } from 'vitest';
import { Classification } from './classifier';
import { classifyWithMedia, sniffMedia } from './media-types';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('what an attachment is, by its bytes', () => {
  it.each([
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image', 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image', 'image/png'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image', 'image/webp'],
    ['a WhatsApp voice note (Opus in Ogg)', bytes('OggS', [0, 2]), 'audio', 'audio/ogg'],
    ['an AMR voice clip from a feature phone', bytes('#!AMR\n'), 'audio', 'audio/amr'],
    ['an MP3', bytes('ID3', [4, 0]), 'audio', 'audio/mpeg'],
    ['an M4A', bytes([0, 0, 0, 0x20], 'ftypM4A '), 'audio', 'audio/mp4'],
    ['an MP4 video', bytes([0, 0, 0, 0x18], 'ftypisom'), 'video', 'video/mp4'],
    ['a 3GP video', bytes([0, 0, 0, 0x14], 'ftyp3gp4'), 'video', 'video/3gpp'],
    ['a PDF', bytes('%PDF-1.7'), 'document', 'application/pdf'],
  ])('%s', (_, content, kind, mimeType) => {
    expect(sniffMedia(content)).toEqual({ kind, mimeType });
  });

  it.each([
    ['an HTML page declared as image/jpeg', bytes('<html><script>alert(1)</script>')],
    ['an SVG (it can carry script)', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['a Windows executable', bytes('MZ', [0x90, 0])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_, content) => {
    expect(sniffMedia(content)).toBeNull();
  });
});

describe('how a message with an attachment or a location is queued', () => {
  const greeting: Classification = { label: 'greeting', queue: 'filtered', urgent: false, by: 'rule', confidence: 1 };
  const emergency: Classification = { label: 'emergency', queue: 'main', urgent: true, by: 'rule', confidence: 1 };
  it.each([
    ['no media: as classified', greeting, 'sir', false, greeting],
    [
      'a photo without words: a tip in the main queue',
      greeting,
      ' ',
      true,
      { ...greeting, label: 'tip', queue: 'main' },
    ],
    [
      'a photo captioned "sir": kept as a greeting, but in the main queue',
      greeting,
      'sir',
      true,
      { ...greeting, queue: 'main' },
    ],
    ['an emergency with a photo: still urgent', emergency, 'aag lagi', true, emergency],
  ])('%s', (_, classification, text, hasMedia, expected) => {
    expect(classifyWithMedia(classification, text, hasMedia)).toEqual(expected);
  });
});
