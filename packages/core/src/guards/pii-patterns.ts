import { isValidIPv6, passesIbanChecksum, passesLuhn } from './checksums.js';

/** Kinds of personal data and secrets the PII guard knows. */
export const PII_TYPES = [
  'email',
  'phone',
  'credit_card',
  'us_ssn',
  'iban',
  'ipv4',
  'ipv6',
  'aws_access_key',
  'github_token',
  'openai_key',
  'jwt',
  'private_key',
] as const;

/** A PII kind. */
export type PiiType = (typeof PII_TYPES)[number];

/** How one PII kind is found: a bounded regex, plus an optional validator for candidates. */
export interface PiiPattern {
  type: PiiType;
  /** Global regex. Every quantifier is bounded or unambiguous, so matching stays linear. */
  regex: RegExp;
  validate?: (match: string) => boolean;
  severity: 'minor' | 'moderate' | 'severe';
}

const digitCount = (s: string) => s.replace(/\D/g, '').length;

/** The built-in PII patterns. Secrets rank `severe`: a leaked key is exploitable at once. */
export const PII_PATTERNS: readonly PiiPattern[] = [
  {
    type: 'email',
    regex:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    severity: 'minor',
  },
  {
    type: 'credit_card',
    regex: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g,
    validate: (m) => passesLuhn(m) && digitCount(m) >= 13,
    severity: 'moderate',
  },
  {
    type: 'us_ssn',
    regex: /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g,
    severity: 'moderate',
  },
  {
    type: 'iban',
    regex: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    validate: passesIbanChecksum,
    severity: 'moderate',
  },
  {
    type: 'phone',
    // Not glued to more digit groups: a failed-Luhn card or IBAN tail is not a phone number.
    regex:
      /(?<![\w+]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w-]|[ .-]\d)/g,
    validate: (m) => {
      const n = digitCount(m);
      // Ten or more digits with a separator or a + prefix: plain 10-digit runs are often ids.
      return n >= 10 && n <= 15 && (/[ .()+-]/.test(m) || m.startsWith('+'));
    },
    severity: 'minor',
  },
  {
    type: 'ipv4',
    regex:
      /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g,
    severity: 'minor',
  },
  {
    type: 'ipv6',
    regex: /(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g,
    validate: (m) => m.length >= 3 && isValidIPv6(m),
    severity: 'minor',
  },
  {
    type: 'aws_access_key',
    regex: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    severity: 'severe',
  },
  {
    type: 'github_token',
    regex:
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
    severity: 'severe',
  },
  {
    type: 'openai_key',
    regex: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,256}(?![A-Za-z0-9_-])/g,
    severity: 'severe',
  },
  {
    type: 'jwt',
    regex:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{10,4096}(?![A-Za-z0-9_-])/g,
    severity: 'severe',
  },
  {
    type: 'private_key',
    regex: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g,
    severity: 'severe',
  },
];
