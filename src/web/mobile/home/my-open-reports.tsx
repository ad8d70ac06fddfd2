import { Button, Skeleton, Toast } from "antd-mobile";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { apiPost } from "../../api/client";
import { caseKeys } from "../../features/cases/case-keys";
import { MobileStatusTag } from "../../features/cases/mobile-status-tag";
import { useCaseList } from "../../features/cases/use-case-list";
import { useCategoryName } from "../../features/cases/use-categories";
import type { CaseDetail } from "../../features/cases/types";
import { formatShortDateTime } from "../../lib/format";
import { remindErrorText } from "../../features/cases/remind-error";

/** 我反映的问题: the resident's open reports with their state, each with 催办 at hand. */
export function MyOpenReports({ limit = 3 }: { limit?: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categoryName = useCategoryName();
  const client = useQueryClient();
  const list = useCaseList({ status: "open" }, { scope: "reported", limit });
  const remind = useMutation({
    mutationFn: (id: string) => apiPost<CaseDetail>(`/cases/${id}/transitions`, { action: "remind" }),
    onSuccess: (detail) => {
      client.setQueryData(caseKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: caseKeys.all, predicate: (q) => q.queryKey[1] !== "detail" && q.queryKey[1] !== "categories" });
      Toast.show({ icon: "success", content: t("cases.remindState.done") });
    },
    onError: (err) => Toast.show({ content: remindErrorText(err, t), duration: 4000 }),
  });
  if (list.isPending) return <Skeleton.Paragraph lineCount={3} animated />;
  if (list.isError) return null;
  const items = list.data.pages[0]?.items ?? [];
  if (items.length === 0) return <div className="m-home-empty">{t("residentHome.noReports")}</div>;
  return (
    <div className="m-my-reports" data-testid="home-reports">
      {items.map((c) => (
        <div key={c.id} className="m-my-report" data-testid="home-report" data-case-number={c.number}>
          <button type="button" className="m-my-report-main" onClick={() => navigate(`/cases/${c.id}`)}>
            <div className="m-my-report-top">
              <span className="m-my-report-title">{categoryName(c.categoryCode, c.categoryName)}</span>
              <MobileStatusTag status={c.status} />
            </div>
            <div className="m-my-report-desc">{c.description}</div>
            <div className="m-my-report-meta">
              {c.number} · {formatShortDateTime(c.createdAt)}
              {c.remindCount > 0 && ` · ${t("cases.remindState.count", { count: c.remindCount })}`}
            </div>
          </button>
          <Button
            size="small"
            color="primary"
            fill="outline"
            className="m-my-report-remind"
            loading={remind.isPending && remind.variables === c.id}
            onClick={() => remind.mutate(c.id)}
            data-testid="home-report-remind"
          >
            {t("residentHome.remind")}
          </Button>
        </div>
      ))}
    </div>
  );
}
