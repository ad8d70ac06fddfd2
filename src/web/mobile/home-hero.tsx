import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../contracts/auth";
import { Icon } from "../lib/icons";

/** The red band at the top of a home page: greeting, role, and the area the user belongs to. */
export function HomeHero({ user, areaLabel, areaName, areaDetail, tip }: { user: SessionUser; areaLabel: string; areaName?: string; areaDetail?: string; tip: string }) {
  const { t } = useTranslation();
  return (
    <header className="m-hero">
      <div className="m-hero-top">
        <span className="m-hero-hello">{t("mobile.hello", { name: user.displayName })}</span>
        <span className="m-hero-role">{t(`roles.${user.role}`)}</span>
      </div>
      <div className="m-hero-area">
        <span className="m-hero-area-label">{areaLabel}</span>
        <span className="m-hero-area-name" data-testid="home-area">
          <Icon name="pin" size={18} />
          {areaName ?? user.area?.name ?? t("mobile.noArea")}
        </span>
        {areaDetail && <span className="m-hero-area-detail">{areaDetail}</span>}
      </div>
      <div className="m-hero-tip">{tip}</div>
    </header>
  );
}
