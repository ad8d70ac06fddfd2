import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { PersonalDataCipher } from "./personal-data";
import type { SmsGateway } from "./sms";

/** What the app is built from; tests build it from a throwaway database and the same parts. */
export interface AppDeps {
  config: Config;
  database: Database;
  cipher: PersonalDataCipher;
  sms: SmsGateway;
}

export type { Logger };
