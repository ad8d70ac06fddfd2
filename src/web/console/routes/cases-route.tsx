import { useMemo, useState } from "react";
import { Button, Card, Space, Tabs } from "antd";
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../../api/client";
import { useAreaTree } from "../../api/use-area-tree";
import { hasPermission, useMe } from "../../api/use-me";
import { usePublicConfig } from "../../api/use-public-config";
import { CaseFilters } from "../../features/cases/case-filters";
import { CaseListPanel } from "../../features/cases/case-list-panel";
import { CaseMap } from "../../features/cases/case-map";
import { CaseRegisterModal } from "../../features/cases/case-register-modal";
import type { CaseFilter } from "../../features/cases/types";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

const FILTER_KEYS = ["status", "categoryCode", "areaId", "communityId", "level", "channel", "overdue", "from", "to", "q", "closureKind", "groupCode", "categoryCodes", "maxLevel", "rider"] as const;

/** 事件管理: the filtered list (or map) of cases; the filters live in the address, so that back from a case keeps them. */
export function CasesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const tree = useAreaTree();
  const config = usePublicConfig();
  const areas = tree.data ?? [];
  const view = params.get("view") === "map" ? "map" : "list";

  const filter = useMemo(() => {
    const f: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    return f as CaseFilter;
  }, [params]);

  const setFilter = (next: CaseFilter) => {
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = next[key];
      if (v) search.set(key, String(v));
    }
    if (view === "map") search.set("view", "map");
    setParams(search, { replace: true });
  };
  const setView = (v: string) => {
    const search = new URLSearchParams(params);
    if (v === "map") search.set("view", "map");
    else search.delete("view");
    setParams(search, { replace: true });
  };

  const canExport = hasPermission(user, "case:export");
  return (
    <RequirePermission permission="case:read">
      <PageHeader
        title={t("nav.cases")}
        extra={
          <Space>
            {canExport && (
              <Button icon={<DownloadOutlined />} href={apiUrl("/cases/export", filter)} data-testid="export">
                {t("cases.list.export")}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register">
              {t("cases.list.register")}
            </Button>
          </Space>
        }
      />
      <Card className="ll-page-card">
        <CaseFilters key={params.get("q") ?? ""} value={filter} onChange={setFilter} areas={areas} />
        <Tabs
          activeKey={view}
          onChange={setView}
          items={[
            { key: "list", label: t("cases.list.listTab"), children: <CaseListPanel filter={filter} onOpen={(c) => navigate(`/cases/${c.id}`)} /> },
            {
              key: "map",
              label: t("cases.list.mapTab"),
              children: <CaseMap areas={areas} filter={filter} onFilterChange={setFilter} tileUrl={config.data?.mapTileUrl ?? ""} onOpen={(id) => navigate(`/cases/${id}`)} />,
            },
          ]}
          destroyOnHidden
          data-testid="case-tabs"
        />
      </Card>
      <CaseRegisterModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(r) => {
          setRegistering(false);
          navigate(`/cases/${r.id}`);
        }}
        areas={areas}
        tileUrl={config.data?.mapTileUrl ?? ""}
      />
    </RequirePermission>
  );
}
