import { useState } from "react";
import { ActionSheet } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage } from "../i18n/i18n";
import { Icon } from "../lib/icons";

/** A sheet with 简体中文 / English and the function that opens it. */
export function useLanguageSheet() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const sheet = (
    <ActionSheet
      visible={open}
      onClose={() => setOpen(false)}
      cancelText={t("common.cancel")}
      actions={LANGUAGES.map((lang) => ({ key: lang, text: t(`lang.${lang}`), onClick: () => { setLanguage(lang); setOpen(false); } }))}
    />
  );
  return { sheet, open: () => setOpen(true) };
}

/** A small globe button with the current language, for page corners. */
export function LanguageButton({ light = false }: { light?: boolean }) {
  const { t, i18n } = useTranslation();
  const { sheet, open } = useLanguageSheet();
  return (
    <>
      <button type="button" className={`m-lang-button${light ? " m-lang-button-light" : ""}`} onClick={open} data-testid="language-switch">
        <Icon name="globe" size={15} />
        {t(`lang.${i18n.language === "en" ? "en" : "zh-CN"}`)}
      </button>
      {sheet}
    </>
  );
}
