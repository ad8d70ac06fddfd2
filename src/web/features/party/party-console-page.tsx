import { useState } from "react";
import { Empty, Select, Skeleton, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { hasPermission, useMe } from "../../api/use-me";
import { useAreaTree } from "../../api/use-area-tree";
import { FiguresPanel } from "./figures-panel";
import { JointUnitsCard } from "./joint-units-card";
import { MembersPanel } from "./members-panel";
import { OrgTreePanel } from "./org-tree-panel";
import { PartyMapPanel } from "./party-map-panel";
import { ProjectsPanel } from "./projects-panel";
import { TwoNewPanel } from "./two-new-panel";

const TABS = ["tree", "members", "two-new", "projects", "figures", "map"] as const;
type Tab = (typeof TABS)[number];

/** 党建: the organisation tree, members, 两新, 书记领办 projects, the party's figures and the party map (楼栋长, 中心户) of one community. */
export function PartyConsolePage() {
  const { t } = useTranslation();
  const me = useMe();
  const areas = useAreaTree();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "tree";
  const communities = (areas.data ?? []).filter((a) => a.level === "community");
  // A report's drill-down names its community (areaId); a street's report opens on the first community.
  const [picked, setPicked] = useState<string | undefined>(() => params.get("areaId") ?? undefined);
  // Community staff work on their own community; above it (street, platform) one is picked, the first by default.
  const own = me.data?.community?.id;
  const communityId = own ?? communities.find((c) => c.id === picked)?.id ?? communities[0]?.id;
  const canWrite = hasPermission(me.data, "party:write");
  const canUnmask = hasPermission(me.data, "party:member:unmask");
  const picker =
    !own && communities.length > 0 ? (
      <Select style={{ width: 180 }} value={communityId} onChange={setPicked} options={communities.map((c) => ({ value: c.id, label: c.name }))} aria-label={t("party.community")} data-testid="party-community" />
    ) : null;
  const labels: Record<Tab, string> = { tree: t("party.tabs.tree"), members: t("party.tabs.members"), "two-new": t("party.tabs.twoNew"), projects: t("party.tabs.projects"), figures: t("party.tabs.figures"), map: t("party.tabs.map") };
  if (!communityId) return areas.isError ? <Empty description={t("errors.UNKNOWN")} /> : <Skeleton active />;
  return (
    <>
      {picker && <div style={{ marginBottom: 12 }}>{picker}</div>}
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setParams((p) => (p.set("tab", k), p), { replace: true })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`party-tab-${k}`}>{labels[k]}</span>,
          children:
            k === "tree" ? (
              <>
                <OrgTreePanel communityId={communityId} canWrite={canWrite} />
                <JointUnitsCard communityId={communityId} canWrite={canWrite} />
              </>
            ) : k === "members" ? (
              <MembersPanel communityId={communityId} canWrite={canWrite} canUnmask={canUnmask} />
            ) : k === "two-new" ? (
              <TwoNewPanel communityId={communityId} canWrite={canWrite} />
            ) : k === "projects" ? (
              <ProjectsPanel communityId={communityId} canWrite={canWrite} />
            ) : k === "map" ? (
              <PartyMapPanel communityId={communityId} />
            ) : (
              <FiguresPanel communityId={communityId} />
            ),
        }))}
      />
    </>
  );
}
