import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { zhCN } from "./zh-CN";
import { en } from "./en";
import { registryEn, registryZhCN } from "../features/registry/messages";
import { patrolsEn, patrolsZhCN } from "../features/patrols/messages";
import { deliberationEn, deliberationZhCN } from "../features/deliberation/messages";
import { partnersEn, partnersZhCN } from "../features/partners/messages";
import { caseSettingsEn, caseSettingsZhCN } from "../features/case-settings/messages";
import { mapViewsEn, mapViewsZhCN } from "../features/cases/map-messages";
import { inboxEn, inboxZhCN } from "../features/inbox/messages";
import { partyEn, partyZhCN } from "../features/party/messages";
import { partyCommitteesEn, partyCommitteesZhCN } from "../features/party/committee-messages";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "linli.lang";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  } catch {
    // Private mode or disabled storage: fall back to the default.
  }
  return "zh-CN";
}

/** The one i18next instance of both web shells; Simplified Chinese unless the user chose English. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    "zh-CN": {
      translation: { ...zhCN, registry: registryZhCN, patrols: patrolsZhCN, deliberation: deliberationZhCN, partners: partnersZhCN, caseSettings: caseSettingsZhCN, mapViews: mapViewsZhCN, inbox: inboxZhCN, party: partyZhCN, partyCommittees: partyCommitteesZhCN },
    },
    en: { translation: { ...en, registry: registryEn, patrols: patrolsEn, deliberation: deliberationEn, partners: partnersEn, caseSettings: caseSettingsEn, mapViews: mapViewsEn, inbox: inboxEn, party: partyEn, partyCommittees: partyCommitteesEn } },
  },
  lng: storedLanguage(),
  fallbackLng: "zh-CN",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = i18n.language;

/** The current UI language, normalised to one of ours. */
export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "zh-CN";
}

/** Switches the UI language and remembers the choice on this device. */
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
