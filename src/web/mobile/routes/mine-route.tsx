import { Button, Dialog, List } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { usePublicConfig } from "../../api/use-public-config";
import { useLogout } from "../../features/auth/use-logout";
import { useLanguageSheet } from "../language-picker";

/** 我的: who I am, language, sign out. */
export function MineRoute() {
  const { t, i18n } = useTranslation();
  const user = useMe().data!;
  const config = usePublicConfig();
  const logout = useLogout();
  const language = useLanguageSheet();
  const navigate = useNavigate();

  const confirmLogout = async () => {
    const ok = await Dialog.confirm({ content: t("common.logoutConfirm"), confirmText: t("common.logout"), cancelText: t("common.cancel") });
    if (ok) logout.mutate();
  };

  return (
    <div className="m-mine">
      <header className="m-mine-head">
        <span className="m-mine-avatar">{user.displayName.slice(0, 1)}</span>
        <div>
          <div className="m-mine-name" data-testid="mine-name">
            {user.displayName}
          </div>
          <div className="m-mine-role">{t(`roles.${user.role}`)}</div>
        </div>
      </header>
      <List header={t("mobile.mine.profile")} className="m-list">
        {user.username && <List.Item extra={user.username}>{t("account.username")}</List.Item>}
        {user.phone && <List.Item extra={user.phone}>{t("account.phone")}</List.Item>}
        <List.Item extra={user.area ? `${user.area.name} · ${t(`levels.${user.area.level}`)}` : t("mobile.noArea")}>{t("account.area")}</List.Item>
        {user.department && <List.Item extra={user.department}>{t("account.department")}</List.Item>}
      </List>
      {(user.role === "resident" || user.role === "rider") && (
        <List className="m-list">
          <List.Item description={t("registry.own.entryHint")} onClick={() => navigate("/me/record")} data-testid="mine-record">
            {t("registry.own.title")}
          </List.Item>
        </List>
      )}
      <List header={t("mobile.mine.settings")} className="m-list">
        <List.Item extra={t(`lang.${i18n.language === "en" ? "en" : "zh-CN"}`)} onClick={language.open} data-testid="mine-language">
          {t("common.language")}
        </List.Item>
        <List.Item extra={t("mobile.mine.version", { version: config.data?.version ?? "" })}>{t("mobile.mine.about")}</List.Item>
      </List>
      <div className="m-mine-logout">
        <Button block size="large" onClick={confirmLogout} loading={logout.isPending} data-testid="logout">
          {t("common.logout")}
        </Button>
      </div>
      {language.sheet}
    </div>
  );
}
