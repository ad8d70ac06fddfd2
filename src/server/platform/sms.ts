import { maskPhone } from "./personal-data";

/** The outside SMS gateway. Production plugs a provider in here; tests use a recording fake. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/**
 * Default gateway: sends nothing. In demo mode it writes the message to the server log so the
 * product can be tried; outside demo mode it logs only that a message went out, to a masked phone,
 * never its text (the text holds the sign-in code).
 */
export class LogSmsGateway implements SmsGateway {
  constructor(
    private readonly log: { info: (obj: object, msg: string) => void },
    private readonly options: { demoMode: boolean },
  ) {}
  async send(phone: string, text: string): Promise<void> {
    if (this.options.demoMode) this.log.info({ phone: maskPhone(phone), sms: text }, "SMS (log gateway, demo mode, not sent)");
    else this.log.info({ phone: maskPhone(phone) }, "SMS (log gateway, not sent; text withheld outside demo mode)");
  }
}

/** Keeps the messages in memory; for tests. */
export class MemorySmsGateway implements SmsGateway {
  readonly sent: Array<{ phone: string; text: string }> = [];
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
  lastCodeFor(phone: string): string | undefined {
    const msg = [...this.sent].reverse().find((m) => m.phone === phone);
    return msg?.text.match(/\d{6}/)?.[0];
  }
}
