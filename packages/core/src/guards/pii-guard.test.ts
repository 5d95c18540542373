import { describe, expect, it } from 'vitest';
import { isValidIPv6, passesIbanChecksum, passesLuhn } from './checksums.js';
import { piiGuard } from './pii-guard.js';

const ctx = { stage: 'input' as const, signal: new AbortController().signal };
const types = async (text: string) =>
  (await piiGuard().check(text, ctx)).map((f) => (f.metadata as { piiType: string }).piiType);

describe('piiGuard', () => {
  it.each([
    ['email', 'write to jane.doe+news@mail.example.co.uk today'],
    ['phone', 'call me on +1 (415) 555-0132 tonight'],
    ['phone', 'ring 020 7946 0958 please'],
    ['credit_card', 'card 4111 1111 1111 1111 exp 12/29'],
    ['credit_card', 'amex 378282246310005'],
    ['us_ssn', 'ssn 123-45-6789'],
    ['iban', 'pay to GB82 WEST 1234 5698 7654 32 now'],
    ['iban', 'DE89370400440532013000'],
    ['ipv4', 'server at 192.168.10.254 is down'],
    ['ipv6', 'ping 2001:db8:85a3::8a2e:370:7334 now'],
    ['aws_access_key', 'key AKIAIOSFODNN7EXAMPLE leaked'],
    ['github_token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 here'],
    ['openai_key', 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345'],
    [
      'jwt',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
    ['private_key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
  ])('finds %s in "%s"', async (type, text) => {
    expect(await types(text)).toContain(type);
  });

  it.each([
    'card 4111 1111 1111 1112',
    'iban GB82 WEST 1234 5698 7654 33',
    'version 1.2.3.4567 and 999.1.1.1',
    'ssn 000-12-3456 and 666-12-3456',
    'order number 20240501 shipped',
    'the ratio was 3:4:5 in the mix',
    'plain text without any personal data',
  ])('ignores look-alikes in "%s"', async (text) => {
    expect(await types(text)).toEqual([]);
  });

  it('redacts with type tokens or masks keeping the last four characters', async () => {
    const [redacted] = await piiGuard().check('4111 1111 1111 1111', ctx);
    expect(redacted?.replacement).toBe('[CREDIT_CARD]');
    const [masked] = await piiGuard({ strategy: 'mask' }).check('4111 1111 1111 1111', ctx);
    expect(masked?.replacement).toBe('***************1111');
  });

  it('sees through zero-width characters and full-width digits, with spans in the original text', async () => {
    const text = 'mail: jo\u200Bhn@exa\u200Bmple.com ok';
    const [finding] = await piiGuard().check(text, ctx);
    expect(text.slice(finding!.span!.start, finding!.span!.end)).toBe('jo\u200Bhn@exa\u200Bmple.com');
    expect(await types('ssn １２３-４５-６７８９')).toContain('us_ssn');
  });

  it('limits detection to the requested types', async () => {
    const findings = await piiGuard({ types: ['email'] }).check('a@b.io 4111 1111 1111 1111', ctx);
    expect(findings).toHaveLength(1);
  });

  it('checks Luhn, IBAN mod-97 and IPv6 syntax', () => {
    expect(passesLuhn('4539 1488 0343 6467')).toBe(true);
    expect(passesLuhn('4539 1488 0343 6468')).toBe(false);
    expect(passesIbanChecksum('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(passesIbanChecksum('FR15 2004 1010 0505 0001 3M02 606')).toBe(false);
    expect(isValidIPv6('::1')).toBe(true);
    expect(isValidIPv6('1::2::3')).toBe(false);
    expect(isValidIPv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isValidIPv6('1:2:3')).toBe(false);
  });
});
