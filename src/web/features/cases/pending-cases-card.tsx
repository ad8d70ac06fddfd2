import { Alert, Card, Col, Row, Skeleton, Statistic } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { chinaDay } from "../../lib/format";
import { caseKeys } from "./case-keys";
import type { Measures } from "./types";

/** Since the platform's first possible case: every open case of the area counts, whenever it came in. */
const EVER = "2000-01-01";

/** 待办事件: open and overdue cases of the caller's area, each a link to the filtered list. */
export function PendingCasesCard({ onOpenList }: { onOpenList: (filter: { status: "open"; overdue?: "true" }) => void }) {
  const { t } = useTranslation();
  const today = chinaDay();
  const counts = useQuery({
    queryKey: caseKeys.pending,
    queryFn: ({ signal }) => apiGet<Measures>("/cases/measures", { from: EVER, to: today }, signal),
    select: (m) => ({ open: m.open, overdue: m.overdueOpen }),
    staleTime: 30_000,
  });
  return (
    <Card className="ll-page-card" title={t("cases.home.title")} data-testid="pending-cases">
      {counts.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : counts.isError ? (
        <Alert type="error" showIcon title={errorMessage(counts.error, t)} />
      ) : (
        <Row gutter={16}>
          <Col span={12}>
            <button type="button" className="ll-stat-link" onClick={() => onOpenList({ status: "open" })} data-testid="pending-open">
              <Statistic title={t("cases.home.open")} value={counts.data.open} suffix={<span className="ll-stat-unit">{t("cases.home.unit")}</span>} />
            </button>
          </Col>
          <Col span={12}>
            <button type="button" className="ll-stat-link ll-stat-link-red" onClick={() => onOpenList({ status: "open", overdue: "true" })} data-testid="pending-overdue">
              <Statistic title={t("cases.home.overdue")} value={counts.data.overdue} suffix={<span className="ll-stat-unit">{t("cases.home.unit")}</span>} />
            </button>
          </Col>
        </Row>
      )}
    </Card>
  );
}
