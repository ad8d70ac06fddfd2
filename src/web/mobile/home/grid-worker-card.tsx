import { Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { useMyCommunity } from "../../features/notices/use-notices";
import { Icon } from "../../lib/icons";

/**
 * 我的网格员: the resident's grid, its worker by name and one tap to call the grid's (or the
 * community's) public service phone. A staff member's own phone is never shown; without a service
 * phone on record the card says how to reach them instead.
 */
export function GridWorkerCard() {
  const { t } = useTranslation();
  const mine = useMyCommunity();
  if (mine.isPending) return <Skeleton.Paragraph lineCount={2} animated />;
  if (mine.isError || !mine.data) return null;
  const { grid, gridWorkers, servicePhone, community } = mine.data;
  const names = gridWorkers.map((w) => w.name).join("、");
  return (
    <div className="m-grid-worker" data-testid="grid-worker">
      <div className="m-grid-worker-avatar" aria-hidden>
        <Icon name="user" size={22} />
      </div>
      <div className="m-grid-worker-main">
        <div className="m-grid-worker-name" data-testid="grid-worker-name">
          {names || t("residentHome.noGridWorker")}
        </div>
        <div className="m-grid-worker-grid">{grid ? `${community?.name ?? ""} · ${grid.name}` : t("residentHome.noGrid")}</div>
        {!servicePhone && grid && <div className="m-grid-worker-note">{t("residentHome.noPhone")}</div>}
      </div>
      {servicePhone && (
        <a className="m-call" href={`tel:${servicePhone.replace(/[^\d+]/g, "")}`} data-testid="grid-worker-call" aria-label={`${t("residentHome.call")} ${servicePhone}`}>
          <span className="m-call-label">{t("residentHome.call")}</span>
          <span className="m-call-number">{servicePhone}</span>
        </a>
      )}
    </div>
  );
}
