import { Suspense } from "react";
import { SafeArea, SpinLoading, TabBar } from "antd-mobile";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileNotificationToasts } from "../features/notifications/mobile-notification-toasts";
import { useNotifications } from "../features/notifications/use-notifications";
import { Icon } from "../lib/icons";

const TABS = [
  { key: "/", label: "nav.home", icon: "home" },
  { key: "/notifications", label: "nav.messages", icon: "bell" },
  { key: "/mine", label: "nav.mine", icon: "user" },
] as const;

/** The page, and below it the tab bar on the three top pages (pages below them have a back arrow instead). */
export function MobileLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const unread = useNotifications().data?.unread ?? 0;
  const tab = TABS.find((item) => (item.key === "/" ? pathname === "/" : pathname.startsWith(item.key)));
  return (
    <div className="m-shell">
      <MobileNotificationToasts />
      <main className={tab ? "m-page" : "m-page m-page-full"}>
        <Suspense
          fallback={
            <div className="m-fullscreen">
              <SpinLoading color="primary" />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      {tab && (
        <nav className="m-tabbar">
          <TabBar activeKey={tab.key} onChange={(key) => navigate(key)}>
            {TABS.map((item) => (
              <TabBar.Item
                key={item.key}
                icon={<Icon name={item.icon} size={22} />}
                title={t(item.label)}
                badge={item.key === "/notifications" && unread > 0 ? (unread > 99 ? "99+" : unread) : undefined}
              />
            ))}
          </TabBar>
          <SafeArea position="bottom" />
        </nav>
      )}
    </div>
  );
}
