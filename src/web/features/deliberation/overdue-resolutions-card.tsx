import "./deliberation.css";
import { Alert, Badge, Button, Card, Empty, List, Skeleton, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useResolutions } from "./use-deliberation";

/** The dashboard's list of resolutions past their due date and not done, the most overdue first. */
export function OverdueResolutionsCard() {
  const { t } = useTranslation();
  const query = useResolutions({ status: "overdue", limit: 100 });
  return (
    <Card
      className="ll-page-card"
      title={
        <span>
          {t("deliberation.overdueCard.title")} <Badge count={query.data?.length ?? 0} overflowCount={99} />
        </span>
      }
      extra={
        <Link to="/deliberation/resolutions?status=overdue">
          <Button type="link" size="small">
            {t("deliberation.overdueCard.all")}
          </Button>
        </Link>
      }
      data-testid="overdue-resolutions"
    >
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.isError ? (
        <Alert type="error" showIcon title={errorMessage(query.error, t)} />
      ) : query.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.overdueCard.empty")} />
      ) : (
        <List
          size="small"
          className="dl-overdue-list"
          dataSource={query.data.slice(0, 4)}
          renderItem={(r) => (
            <List.Item key={r.id} extra={<span className="dl-overdue ll-mono">{t("deliberation.overdueCard.due", { day: r.dueOn })}</span>}>
              <Typography.Text ellipsis className="dl-grow">
                <Link to={`/deliberation/resolutions/${r.id}`}>{r.text}</Link>
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
