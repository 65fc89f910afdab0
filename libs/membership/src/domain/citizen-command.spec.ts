import { describe, expect, it } from 'vitest';
import { normaliseCode, parseCitizenCommand } from './citizen-command';

describe('parseCitizenCommand', () => {
  it.each([
    ['JOIN 482193', '482193'],
    ['join 482193', '482193'],
    ['  Join   482 193. ', '482193'],
    ['जुड़ें 482193', '482193'],
    ['जुडें 482193', '482193'],
    ['जुड़े 482193', '482193'],
    ['जोड़ो 482193', '482193'],
    ['जुड़ें ४८२१९३', '482193'],
    ['judo 482193', '482193'],
    ['jodo 482-193', '482193'],
    ['JOIN482193', '482193'],
    ['जुड़ें482193', '482193'],
    ['join-482193', '482193'],
    ['jion 482193', '482193'],
    ['joinn 482193', '482193'],
    ['jpin 482193', '482193'],
    ['JOIN: 482193!', '482193'],
    ['/start 482193', '482193'],
    ['/start@JanSetuBot 482193', '482193'],
    ['جوڑیں ۴۸۲۱۹۳', '482193'],
    ['JOIN ٤٨٢١٩٣', '482193'],
  ])('reads %j as joining %s', (text, code) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'join', code });
  });

  it.each([
    ['LEAVE 482193', '482193'],
    ['leave 482 193', '482193'],
    ['छोड़ें 482193', '482193'],
    ['छोड़ो 482193', '482193'],
    ['chhodo 482193', '482193'],
    ['chodo 482193', '482193'],
    ['leav 482193', '482193'],
    ['laeve 482193', '482193'],
    ['/leave 482193', '482193'],
  ])('reads %j as leaving group %s', (text, code) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'leave', code });
  });

  it.each(['leave', 'LEAVE.', 'छोड़ें', 'chhodo'])('reads %j as leaving without naming the group', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'leave', code: null });
  });

  it.each([
    'STOP',
    'stop',
    'Stop.',
    'STOP 482193',
    'stopp',
    'stpo',
    'बंद',
    'बन्द',
    'बंद करो',
    'band',
    'BANDH',
    'band karo',
    'unsubscribe',
    'stop all',
    '/stop',
    'रोको',
    'بند',
    'بند کریں',
  ])('reads %j as stop', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'stop' });
  });

  it.each(['help', 'HELP!', 'मदद', 'madad', '?', '/start', 'start', 'join', 'जुड़ें', 'مدد'])(
    'reads %j as help',
    (text) => {
      expect(parseCitizenCommand(text)).toEqual({ kind: 'help' });
    },
  );

  it.each([
    ['LANG HI', 'hi'],
    ['lang hi', 'hi'],
    ['Language: Hindi', 'hi'],
    ['भाषा हिंदी', 'hi'],
    ['भाषा हिन्दी', 'hi'],
    ['bhasha hindi', 'hi'],
    ['हिंदी', 'hi'],
    ['LANG EN', 'en'],
    ['lang eng', 'en'],
    ['भाषा अंग्रेज़ी', 'en'],
    ['भाषा अंग्रेजी', 'en'],
    ['English', 'en'],
    ['angrezi', 'en'],
    ['LANG BHO', 'bho'],
    ['भाषा भोजपुरी', 'bho'],
    ['bhojpuri', 'bho'],
    ['LANG MAI', 'mai'],
    ['bhasha maithili', 'mai'],
    ['भाषा मैथिली', 'mai'],
    ['LANG MAG', 'mag'],
    ['भाषा मगही', 'mag'],
    ['Magahi', 'mag'],
    ['LANG UR', 'ur'],
    ['LANG اردو', 'ur'],
    ['زبان اردو', 'ur'],
    ['اردو', 'ur'],
    ['भाषा उर्दू', 'ur'],
    ['lang urdu', 'ur'],
  ])('reads %j as choosing language %s', (text, language) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'language', language });
  });

  it.each(['MY GROUPS', 'my groups', 'My Group', 'groups', 'मेरे समूह', 'mere group', 'mera group', '/groups'])(
    'reads %j as my groups',
    (text) => {
      expect(parseCitizenCommand(text)).toEqual({ kind: 'my-groups' });
    },
  );

  it.each([
    ['LINK', null],
    ['link', null],
    ['लिंक', null],
    ['LINK 48213907', '48213907'],
    ['link 4821 3907', '48213907'],
    ['lnik 48213907', '48213907'],
    ['/link 48213907', '48213907'],
  ])('reads %j as link %s', (text, code) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'link', code });
  });

  it.each(['PREFER', 'prefer', 'पसंद'])('reads %j as prefer this channel', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'prefer' });
  });

  it.each([
    'नमस्ते सर',
    'Good morning',
    'Hi',
    'hi sir',
    'stop the noise near the temple',
    'join us at the mela',
    'band baja baraat',
    'shop',
    'मेरे गाँव में शराब बिक रही है',
    'हिंदी में लिखिए',
    'JOIN 9876543210',
    'LEAVE +91 98765 43210',
    '',
  ])('hands %j to the inbox as a message', (text) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'message', text });
  });
});

describe('ERASE', () => {
  // Erasure is membership's (it owns contact points and memberships); the inbox only forgets its own links after it.
  it('reads ERASE / मिटाएं only as the whole message', () => {
    for (const t of ['ERASE', 'erase', 'मिटाएं', 'मिटाएँ', ' Mitao '])
      expect(parseCitizenCommand(t)).toEqual({ kind: 'erase' });
    expect(parseCitizenCommand('erase kar do sharab ka adda')).toMatchObject({ kind: 'message' });
  });
});

describe('normaliseCode', () => {
  it('keeps digits and letters whatever the keypad sent', () => {
    expect(normaliseCode(' 482-193 ')).toBe('482193');
    expect(normaliseCode('४८२ १९३')).toBe('482193');
    expect(normaliseCode('ab12')).toBe('AB12');
  });

  it.each([
    ['VERIFY K7M2QX', 'K7M2QX'],
    ['verify k7m2qx', 'k7m2qx'],
    ['सत्यापन K7M2QX', 'K7M2QX'],
    ['satyapan  K7M 2QX', 'K7M 2QX'],
    ['Verify\nForwarded\nबच्चा चोरी की अफवाह', 'Forwarded\nबच्चा चोरी की अफवाह'],
    ['VERIFY', ''],
  ])('reads %j as a verification of %j', (text, rest) => {
    expect(parseCitizenCommand(text)).toEqual({ kind: 'verify', text: rest });
  });

  it.each(['जांच करें मेरे घर चोरी हुई', 'check karo sir', 'please verify my complaint was filed'])(
    'leaves %j to the inbox',
    (text) => {
      expect(parseCitizenCommand(text).kind).toBe('message');
    },
  );
});
