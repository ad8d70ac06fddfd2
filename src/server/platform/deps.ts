import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { PersonalDataCipher } from "./personal-data";
import type { SmsGateway } from "./sms";
import type { NotificationBus } from "./notify";
import type { WorkCalendar } from "./work-calendar";

/** What the app is built from; tests build it from a throwaway database and the same parts. */
export interface AppDeps {
  config: Config;
  database: Database;
  cipher: PersonalDataCipher;
  sms: SmsGateway;
  notifications: NotificationBus;
  /** The working calendar, loaded from the database at start (see loadCalendar). */
  calendar: WorkCalendar;
  /** With DATABASE_READ_URL: routes the reads of lists, measures, reports and exports to the standby. */
  readRouter?: import("./read-routing").ReadRouter;
}

export type { Logger };
