import { Button, Dialog, ErrorBlock, List, Skeleton, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import "./partners.css";
import type { RewardItem } from "./types";
import { useMyPoints, useRedeem, useRewards } from "./use-points";

/** 积分兑换: the catalogue with stock; spend points on an item after a confirmation. */
export function MobileRewards() {
  const { t } = useTranslation();
  const rewards = useRewards();
  const me = useMyPoints();
  const redeem = useRedeem();
  const balance = me.data?.points ?? 0;
  const ask = async (r: RewardItem) => {
    const ok = await Dialog.confirm({ content: t("partners.mobile.rewards.confirm", { cost: r.cost, name: r.name }), confirmText: t("partners.mobile.rewards.redeem"), cancelText: t("partners.common.cancel") });
    if (!ok) return;
    redeem.mutate(r.id, {
      onSuccess: () => Toast.show({ icon: "success", content: t("partners.mobile.rewards.done"), duration: 2500 }),
      onError: (e) => Toast.show({ icon: "fail", content: errorMessage(e, t), duration: 3000 }),
    });
  };
  if (rewards.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (rewards.isError) return <ErrorBlock status="default" title={errorMessage(rewards.error, t)} description="" />;
  const items = rewards.data.filter((r) => r.active);
  return (
    <div data-testid="rewards">
      <div className="pt-m-balance">
        <div>
          <div className="pt-m-balance-value" data-testid="rewards-balance">
            {balance}
          </div>
          <div className="pt-m-balance-label">{t("partners.mobile.points.points")}</div>
        </div>
      </div>
      {items.length === 0 && <ErrorBlock status="empty" title={t("partners.mobile.rewards.empty")} description="" />}
      <List className="m-list">
        {items.map((r) => {
          const reason = r.stock === 0 ? t("partners.mobile.rewards.outOfStock") : balance < r.cost ? t("partners.mobile.rewards.short") : null;
          return (
            <List.Item
              key={r.id}
              data-testid="reward-item"
              data-name={r.name}
              description={[r.unit ? t("partners.mobile.rewards.provider", { name: r.unit.name }) : null, t("partners.mobile.rewards.stock", { stock: r.stock })].filter(Boolean).join(" · ")}
              extra={
                <Button size="small" color="primary" disabled={!!reason} onClick={() => ask(r)} loading={redeem.isPending && redeem.variables === r.id} data-testid="reward-redeem">
                  {reason ?? t("partners.mobile.rewards.redeem")}
                </Button>
              }
            >
              <div className="pt-m-reward">
                <span>{r.name}</span>
                <span className="pt-m-cost">{t("partners.mobile.rewards.cost", { cost: r.cost })}</span>
              </div>
            </List.Item>
          );
        })}
      </List>
    </div>
  );
}
