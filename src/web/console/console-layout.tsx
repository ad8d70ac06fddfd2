import { Suspense, useEffect } from "react";
import { App, Badge, Layout, Menu, Skeleton, Tag } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../api/use-me";
import { useLogout } from "../features/auth/use-logout";
import { Icon } from "../lib/icons";
import { LanguageSwitch } from "./language-switch";
import { NAV_ITEMS } from "./nav-items";
import { inboxKeys, useInboxCounts } from "../features/inbox/use-inbox";

/** Side menu, header with the user, their role and area, and the page. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const user = useMe().data!;
  const logout = useLogout();
  const items = NAV_ITEMS.filter((item) => !item.permission || hasPermission(user, item.permission));
  const current = items.find((i) => i.path !== "/" && location.pathname.startsWith(i.path))?.path ?? "/";
  const counts = useInboxCounts(hasPermission(user, "inbox:read"));
  const badges = counts.data?.badges;
  // Any write may clear a 待办 item: refresh the inbox (badges and home) after each one.
  const client = useQueryClient();
  useEffect(
    () =>
      client.getMutationCache().subscribe((e) => {
        if (e.type === "updated" && e.mutation.state.status === "success") void client.invalidateQueries({ queryKey: inboxKeys.all });
      }),
    [client],
  );

  useEffect(() => {
    const page = items.find((i) => i.path === current);
    document.title = `${page ? t(page.label) + " · " : ""}${t("app.name")}`;
  }, [current, items, t]);

  const confirmLogout = () =>
    modal.confirm({
      title: t("common.logoutConfirm"),
      okText: t("common.logout"),
      cancelText: t("common.cancel"),
      onOk: () => logout.mutateAsync().catch(() => undefined),
    });

  return (
    <Layout className="ll-shell">
      <Layout.Sider width={216} breakpoint="lg" collapsedWidth={64} className="ll-sider">
        <div className="ll-brand">
          <span className="ll-logo-mark">{t("app.mark")}</span>
          <span className="ll-brand-text">
            <strong>{t("app.name")}</strong>
            <small>{t("app.console")}</small>
          </span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current]}
          onClick={({ key }) => navigate(key)}
          items={items.map((item) => ({
            key: item.path,
            icon: <Icon name={item.icon} size={17} />,
            label:
              item.badge && badges?.[item.badge] ? (
                <span className="ll-nav-label">
                  <span>{t(item.label)}</span>
                  <Badge count={badges[item.badge]} overflowCount={99} size="small" className="ll-nav-badge" data-testid={`nav-badge-${item.badge}`} />
                </span>
              ) : (
                t(item.label)
              ),
          }))}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="ll-header">
          <div className="ll-header-area">
            {user.area && (
              <>
                <Icon name="pin" size={16} />
                <span data-testid="header-area">{user.area.name}</span>
                <Tag variant="filled" className="ll-level-tag">
                  {t(`levels.${user.area.level}`)}
                </Tag>
              </>
            )}
          </div>
          <div className="ll-header-right">
            <span className="ll-header-user" data-testid="header-user">
              <span className="ll-avatar">{user.displayName.slice(0, 1)}</span>
              <span className="ll-header-name">{user.displayName}</span>
              <Tag color="red" variant="filled">
                {t(`roles.${user.role}`)}
              </Tag>
            </span>
            <LanguageSwitch />
            <button type="button" className="ll-header-button" onClick={confirmLogout} data-testid="logout">
              <Icon name="logout" size={16} />
              <span>{t("common.logout")}</span>
            </button>
          </div>
        </Layout.Header>
        <Layout.Content className="ll-content">
          {/* Shown by CSS at phone widths only: the console still lays out, the phone app fits better. */}
          <div className="ll-phone-offer" data-testid="phone-offer">
            <span>{t("app.phoneOffer")}</span>
            <a href="/m/" data-testid="phone-offer-link">
              {t("app.openPhone")}
            </a>
          </div>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
