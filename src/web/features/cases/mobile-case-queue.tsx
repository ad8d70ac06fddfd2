import { ErrorBlock, PullToRefresh, Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { MobileCaseCard } from "./mobile-case-card";
import { useCaseQueue } from "./use-case-list";

/** A grid worker's queue: overdue (red) first, then near the limit (yellow), then new. */
export function MobileCaseQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queue = useCaseQueue();
  if (queue.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (queue.isError) return <ErrorBlock status="default" title={errorMessage(queue.error, t)} description="" />;
  const items = queue.data;
  const overdue = items.filter((c) => c.timer === "red").length;
  const near = items.filter((c) => c.timer === "yellow").length;
  return (
    <PullToRefresh onRefresh={async () => void (await queue.refetch())}>
      <div className="m-queue-summary" data-testid="queue-summary">
        <span>{t("cases.queue.total", { count: items.length })}</span>
        {overdue > 0 && <span className="m-text-red">{t("cases.queue.overdue", { count: overdue })}</span>}
        {near > 0 && <span className="m-text-orange">{t("cases.queue.near", { count: near })}</span>}
      </div>
      {items.length === 0 ? (
        <ErrorBlock status="empty" title={t("cases.queue.empty")} description={t("cases.queue.emptyHint")} />
      ) : (
        <div className="m-case-list" data-testid="case-queue">
          {items.map((c) => (
            <MobileCaseCard key={c.id} c={c} onOpen={() => onOpen(c.id)} markNew />
          ))}
        </div>
      )}
    </PullToRefresh>
  );
}
