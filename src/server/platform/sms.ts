/** The outside SMS gateway. Production plugs a provider in here; tests use a recording fake. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/** Default gateway: writes the message to the server log instead of sending it. */
export class LogSmsGateway implements SmsGateway {
  constructor(private readonly log: { info: (obj: object, msg: string) => void }) {}
  async send(phone: string, text: string): Promise<void> {
    this.log.info({ phone, sms: text }, "SMS (log gateway, not sent)");
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
