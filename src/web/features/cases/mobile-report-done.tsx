import { Button, ErrorBlock, Result, Skeleton, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useCase } from "./use-case";

/** After a report: its number (to quote on the phone), and where to go next. */
export function MobileReportDone({ id, onView, onHome, onAnother }: { id: string; onView: () => void; onHome: () => void; onAnother: () => void }) {
  const { t } = useTranslation();
  const query = useCase(id);
  if (query.isPending) return <Skeleton.Paragraph lineCount={6} animated className="m-pad" />;
  if (query.isError) return <ErrorBlock status="default" title={errorMessage(query.error, t)} description="" />;
  const c = query.data;
  return (
    <div className="m-done" data-testid="report-done">
      <Result
        status="success"
        title={t("cases.report.doneTitle")}
        description={
          <div className="m-done-desc">
            <div>
              {t("cases.report.doneNumber")}
              <strong className="m-done-number" data-testid="done-number">
                {c.number}
              </strong>
            </div>
            {c.mobileReporter && (
              <Tag color="#f77b00" fill="outline" data-testid="mobile-reporter">
                {t("cases.mobileReporter")}
              </Tag>
            )}
            <div className="m-muted">{c.grid ? t("cases.report.doneRouted", { name: c.grid.name }) : t("cases.report.doneCommunity")}</div>
          </div>
        }
      />
      <div className="m-done-buttons">
        <Button block color="primary" size="large" onClick={onView} data-testid="done-view">
          {t("cases.report.viewCase")}
        </Button>
        <Button block size="large" onClick={onAnother}>
          {t("cases.report.another")}
        </Button>
        <Button block size="large" fill="none" onClick={onHome}>
          {t("common.backHome")}
        </Button>
      </div>
    </div>
  );
}
