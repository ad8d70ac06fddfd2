import { Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { Icon, type IconName } from "../lib/icons";

export interface Entry {
  key: string;
  icon: IconName;
  /** Where the entry leads; without one the feature is not built yet and says so. */
  to?: string;
  tone: "red" | "blue" | "green" | "orange" | "purple";
}

/** The quick entries of a home page, four to a row. */
export function EntryGrid({ entries }: { entries: Entry[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="m-entries" data-testid="entries">
      {entries.map((entry) => (
        <button
          type="button"
          key={entry.key}
          className="m-entry"
          data-testid={`entry-${entry.key}`}
          onClick={() => (entry.to ? navigate(entry.to) : Toast.show({ content: t("common.comingSoon") }))}
        >
          <span className={`m-entry-icon m-tone-${entry.tone}`}>
            <Icon name={entry.icon} size={24} />
          </span>
          <span className="m-entry-label">{t(`mobile.entries.${entry.key}`)}</span>
        </button>
      ))}
    </div>
  );
}
