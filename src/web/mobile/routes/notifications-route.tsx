import { NavBar } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileNotificationList } from "../../features/notifications/mobile-notification-list";
import { useMarkRead, useNotifications } from "../../features/notifications/use-notifications";

/** 消息: the notifications tab. */
export function NotificationsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useNotifications().data?.unread ?? 0;
  const markRead = useMarkRead();
  return (
    <div className="m-subpage">
      <NavBar
        className="m-navbar"
        backIcon={false}
        right={
          unread > 0 && (
            <button type="button" className="m-link m-navbar-link" onClick={() => markRead.mutate(undefined)} data-testid="read-all">
              {t("notifications.readAll")}
            </button>
          )
        }
      >
        {t("nav.messages")}
      </NavBar>
      <MobileNotificationList onOpenCase={(id) => navigate(`/cases/${id}`)} />
    </div>
  );
}
