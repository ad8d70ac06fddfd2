import { useMemo } from "react";
import { Alert, Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { totalFigure, totalText } from "../../lib/list-total";
import { CaseTable } from "./case-table";
import { useCaseList } from "./use-case-list";
import type { CaseFilter, CaseSummary } from "./types";

/** The filtered list, overdue first then due soonest (the server's "urgent" order), its total above, with keyset "load more". */
export function CaseListPanel({ filter, onOpen }: { filter: CaseFilter; onOpen: (c: CaseSummary) => void }) {
  const { t } = useTranslation();
  const list = useCaseList(filter, { limit: 30 });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  return (
    <>
      <div className="ll-list-total">
        <Typography.Text strong data-testid="case-total" data-total={first?.total} data-capped={first?.totalCapped ? "true" : undefined}>
          {totalText(t, first)}
        </Typography.Text>
      </div>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} className="ll-gap" />}
      <CaseTable rows={rows} loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)} onOpen={onOpen} />
      <div className="ll-load-more">
        {list.hasNextPage && (
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
            {t("common.loadMore")}
          </Button>
        )}
        {rows.length > 0 && first && <Typography.Text type="secondary">{t("common.shownOfTotal", { shown: rows.length, total: totalFigure(first) })}</Typography.Text>}
      </div>
    </>
  );
}
