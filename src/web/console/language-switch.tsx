import { Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage, type Language } from "../i18n/i18n";
import { Icon } from "../lib/icons";

/** 简体中文 / English, remembered on this device. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [i18n.language],
        items: LANGUAGES.map((lang) => ({ key: lang, label: t(`lang.${lang}`) })),
        onClick: ({ key }) => setLanguage(key as Language),
      }}
    >
      <button type="button" className={`ll-header-button${light ? " ll-header-button-light" : ""}`} data-testid="language-switch">
        <Icon name="globe" size={16} />
        <span>{t(`lang.${i18n.language === "en" ? "en" : "zh-CN"}`)}</span>
      </button>
    </Dropdown>
  );
}
