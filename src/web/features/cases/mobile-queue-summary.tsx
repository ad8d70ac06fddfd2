import { Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { Icon } from "../../lib/icons";
import { useCaseQueue } from "./use-case-list";

/** On the grid worker's home: how many cases wait, how many are overdue or close to it; a tap opens the queue. */
export function MobileQueueSummary({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const queue = useCaseQueue();
  if (queue.isPending) return <Skeleton.Paragraph lineCount={1} animated />;
  const items = queue.data ?? [];
  const count = (timer: string) => items.filter((c) => c.timer === timer).length;
  return (
    <button type="button" className="m-queue-card" onClick={onOpen} data-testid="queue-card">
      <span className="m-queue-card-item">
        <strong>{items.length}</strong>
        <small>{t("cases.home.waiting")}</small>
      </span>
      <span className="m-queue-card-item m-text-red">
        <strong>{count("red")}</strong>
        <small>{t("cases.timer.red")}</small>
      </span>
      <span className="m-queue-card-item m-text-orange">
        <strong>{count("yellow")}</strong>
        <small>{t("cases.timer.yellow")}</small>
      </span>
      <span className="m-queue-card-item m-queue-card-go">
        {t("cases.home.handle")}
        <Icon name="chevron" size={12} />
      </span>
    </button>
  );
}
