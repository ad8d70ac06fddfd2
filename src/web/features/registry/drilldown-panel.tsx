import { Alert, Card, Checkbox, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useBuildings, useCompounds, useHouseholds } from "./use-registry";
import type { HouseholdItem } from "./types";
import "./registry.css";

/** 小区 → 楼栋 → 住户: the caller's compounds, a compound's buildings, a building's households. The choice lives in the URL. */
export function DrilldownPanel() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const compounds = useCompounds();
  const compoundId = params.get("compound") ?? compounds.data?.[0]?.id;
  const buildings = useBuildings(compoundId);
  const buildingId = params.get("building") ?? undefined;
  const archived = params.get("archived") === "1";

  const choose = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  if (compounds.isPending) return <Skeleton active />;
  if (compounds.isError) return <Alert type="error" showIcon title={errorMessage(compounds.error, t)} />;
  if (compounds.data.length === 0) return <Empty />;

  return (
    <div className="rg-drill">
      <Card size="small" title={t("registry.drill.compounds")} data-testid="registry-compounds">
        {compounds.data.map((c) => (
          <div
            key={c.id}
            role="button"
            tabIndex={0}
            className={`rg-compound${c.id === compoundId ? " rg-compound-active" : ""}`}
            onClick={() => choose({ compound: c.id, building: undefined })}
            onKeyDown={(e) => e.key === "Enter" && choose({ compound: c.id, building: undefined })}
            data-testid="registry-compound"
          >
            <div className="rg-compound-name">{c.name}</div>
            <div className="rg-sub">{c.gridName ?? c.address}</div>
            <div className="rg-sub">{t("registry.drill.compoundCounts", { buildings: c.buildings, households: c.households, residents: c.residents })}</div>
          </div>
        ))}
      </Card>
      <div>
        <Card size="small" title={t("registry.drill.buildings")} className="ll-gap">
          {buildings.isPending ? (
            <Skeleton active />
          ) : buildings.isError ? (
            <Alert type="error" showIcon title={errorMessage(buildings.error, t)} />
          ) : (
            <div className="rg-buildings" data-testid="registry-buildings">
              {buildings.data.map((b) => (
                <button
                  type="button"
                  key={b.id}
                  className={`rg-building${b.id === buildingId ? " rg-building-active" : ""}`}
                  onClick={() => choose({ building: b.id })}
                  data-testid="registry-building"
                >
                  <div className="rg-building-name">{b.name}</div>
                  <div className="rg-sub">{t("registry.drill.buildingShape", { floors: b.floors, units: b.units })}</div>
                  <div className="rg-sub">{t("registry.drill.buildingCounts", { households: b.households, residents: b.residents })}</div>
                  {b.careResidents > 0 && (
                    <Tag color="volcano" variant="filled" className="ll-inline-tag">
                      {t("registry.drill.care", { count: b.careResidents })}
                    </Tag>
                  )}
                </button>
              ))}
            </div>
          )}
        </Card>
        {buildingId ? (
          <HouseholdTable buildingId={buildingId} archived={archived} onArchived={(v) => choose({ archived: v ? "1" : undefined })} />
        ) : (
          <Card size="small">
            <Empty description={t("registry.drill.pickBuilding")} />
          </Card>
        )}
      </div>
    </div>
  );
}

function HouseholdTable({ buildingId, archived, onArchived }: { buildingId: string; archived: boolean; onArchived: (v: boolean) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const households = useHouseholds(buildingId, archived);
  const columns: TableColumnsType<HouseholdItem> = [
    { title: t("registry.household.unit"), dataIndex: "unitNo", width: 80 },
    { title: t("registry.household.room"), dataIndex: "roomNo", width: 90, render: (v: string) => <strong>{v}</strong> },
    { title: t("registry.household.head"), dataIndex: "head", width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t("registry.household.noHead")}</Typography.Text> },
    { title: t("registry.household.members"), dataIndex: "members", width: 80, render: (v: number) => t("registry.household.membersCount", { count: v }) },
    {
      title: t("registry.household.tags"),
      dataIndex: "tags",
      render: (v: string[]) => (
        <span className="rg-tag-cell">
          {v.map((name) => (
            <Tag key={name} color="volcano" variant="filled">
              {name}
            </Tag>
          ))}
        </span>
      ),
    },
    { title: t("registry.household.movedInOn"), dataIndex: "movedInOn", width: 120, render: (v: string | null) => v ?? "—" },
    {
      title: t("registry.household.status"),
      dataIndex: "status",
      width: 130,
      render: (v: string) => <Tag color={v === "active" ? "green" : "default"}>{t(`registry.household.statuses.${v}`, { defaultValue: v })}</Tag>,
    },
  ];
  return (
    <Card
      size="small"
      title={t("registry.drill.households")}
      extra={
        <Checkbox checked={archived} onChange={(e) => onArchived(e.target.checked)} data-testid="registry-archived">
          {t("registry.drill.showArchived")}
        </Checkbox>
      }
    >
      {households.isError && <Alert type="error" showIcon title={errorMessage(households.error, t)} className="ll-gap" />}
      <Table<HouseholdItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={households.data ?? []}
        loading={households.isPending}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        rowClassName="rg-clickable"
        onRow={(r) => ({ onClick: () => navigate(`/registry/households/${r.id}`) })}
        data-testid="registry-households"
      />
    </Card>
  );
}
