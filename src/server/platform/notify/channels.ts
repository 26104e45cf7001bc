import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';

/** A way to reach a person outside the app. `send` throws on failure; the caller retries. */
export type Channel = {
  send: (to: { staffId: string; email: string }, message: { subject: string; body: string }) => Promise<void>;
};

export type Channels = { email: Channel | null; sms: Channel | null };

/** E-mail through the configured SMTP server. The message is neutral: no names, places or cases. */
export function smtpChannel(opts: { url: string; from: string }): Channel & { close: () => void } {
  // Well inside the delivery job's 60 s: a stalled server must fail the attempt (counted, retried,
  // finally shown to managers) rather than outlive the job and be sent twice.
  const u = new URL(opts.url);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: u.hostname, port: Number(u.port || (secure ? 465 : 587)), secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  });
  return {
    send: async (to, message) => {
      await transport.sendMail({ from: opts.from, to: to.email, subject: message.subject, text: message.body });
    },
    close: () => transport.close(),
  };
}

/**
 * Development notifier for SMS and push: writes the neutral text to the log.
 * Production providers plug in behind the same `Channel` shape; none is faked.
 */
export function consoleChannel(logger: Logger): Channel {
  return {
    send: async (to, message) => { logger.info({ channel: 'sms', staffId: to.staffId, text: message.subject }, 'console notifier'); },
  };
}

export function channelsFromConfig(config: Config, logger: Logger): Channels & { close: () => void } {
  const email = config.smtpUrl ? smtpChannel({ url: config.smtpUrl, from: config.mailFrom }) : null;
  return { email, sms: config.smsNotifier === 'console' ? consoleChannel(logger) : null, close: () => email?.close() };
}
