import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths that may carry secrets or personal data. Redaction is a second line of
 * defence: code must not log these in the first place, and a test writes a
 * canary through the API and checks it appears in no log line.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.code',
  '*.text',
  '*.token',
  '*.totpSecret',
  '*.homeAddress',
  '*.privatePhone',
  '*.emergencyContacts',
  '*.email',
  '*.name',
  'body',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'exitdesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
