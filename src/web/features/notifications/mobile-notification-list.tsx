import { Badge, ErrorBlock, List, PullToRefresh, Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { caseIdOf, useMarkRead, useNotifications } from "./use-notifications";

/** The latest notifications, unread marked; tapping one marks it read and opens its case. */
export function MobileNotificationList({ onOpenCase }: { onOpenCase: (id: string) => void }) {
  const { t } = useTranslation();
  const query = useNotifications();
  const markRead = useMarkRead();
  if (query.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (query.isError) return <ErrorBlock status="default" title={errorMessage(query.error, t)} description="" />;
  const items = query.data.items;
  if (items.length === 0) return <ErrorBlock status="empty" title={t("notifications.empty")} description="" />;
  return (
    <PullToRefresh onRefresh={async () => void (await query.refetch())}>
      <List className="m-notifications" data-testid="notification-list">
        {items.map((n) => {
          const caseId = caseIdOf(n);
          return (
            <List.Item
              key={n.id}
              prefix={<Badge content={n.readAt ? null : Badge.dot} className="m-unread-dot" />}
              description={
                <div>
                  {n.body && <div className="m-notification-body">{n.body}</div>}
                  <div className="m-muted">{formatShortDateTime(n.createdAt)}</div>
                </div>
              }
              arrow={!!caseId}
              onClick={() => {
                if (!n.readAt) markRead.mutate([n.id]);
                if (caseId) onOpenCase(caseId);
              }}
              className={n.readAt ? undefined : "m-unread"}
              data-testid="notification"
            >
              <span className="m-notification-title">{n.title}</span>
            </List.Item>
          );
        })}
      </List>
    </PullToRefresh>
  );
}
