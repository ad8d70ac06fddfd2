import { SafeArea, TabBar } from "antd-mobile";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { Icon } from "../lib/icons";

const TABS = [
  { key: "/", label: "nav.home", icon: "home" },
  { key: "/mine", label: "nav.mine", icon: "user" },
] as const;

/** The page above, the tab bar below. */
export function MobileLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = TABS.find((tab) => tab.key !== "/" && pathname.startsWith(tab.key))?.key ?? "/";
  return (
    <div className="m-shell">
      <main className="m-page">
        <Outlet />
      </main>
      <nav className="m-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)}>
          {TABS.map((tab) => (
            <TabBar.Item key={tab.key} icon={<Icon name={tab.icon} size={22} />} title={t(tab.label)} />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </nav>
    </div>
  );
}
