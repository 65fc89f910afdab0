import { describe, expect, it } from 'vitest';
import { parseCitizenCommand } from './citizen-command';

describe('parseCitizenCommand', () => {
  it.each([
    ['JOIN 482193', '482193'],
    ['join 482193', '482193'],
    ['  Join   482 193. ', '482193'],
    ['जुड़ें 482193', '482193'],
    ['जुडें 482193', '482193'],
    ['judo 482193', '482193'],
    ['JOIN482193', '482193'],
    ['join-482193', '482193'],
  ])('reads %j as joining %s', (text, code) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'join', code });
  });

  it.each(['STOP', 'stop', 'Stop.', 'बंद', 'band', 'BANDH', 'unsubscribe'])('reads %j as stop', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'stop' });
  });

  it.each(['help', 'मदद', 'madad', '?'])('reads %j as help', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'help' });
  });

  it.each(['नमस्ते सर', 'Good morning', 'stop the noise near the temple', 'join', 'मेरे गाँव में शराब बिक रही है'])(
    'hands %j to the inbox as a message',
    (text) => {
      expect(parseCitizenCommand(text)).toEqual({ kind: 'message', text });
    },
  );
});
