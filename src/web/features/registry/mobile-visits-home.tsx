import { useState } from "react";
import { Button, Collapse, ErrorBlock, List, Skeleton, Tabs, Tag } from "antd-mobile";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { chinaDay, formatShortDateTime } from "../../lib/format";
import { useBuildings, useCarePeople, useCompounds, useTagDefinitions } from "./use-registry";
import "./registry.css";

/** 入户走访 on the phone: the people with care tags (due visits first) and the buildings of the grid. */
export function MobileVisitsHome() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "buildings" ? "buildings" : "care";
  return (
    <Tabs activeKey={tab} onChange={(key) => setParams(key === "care" ? {} : { tab: key }, { replace: true })} data-testid="visits-tabs">
      <Tabs.Tab title={t("registry.mobile.tabs.care")} key="care">
        <CareList />
      </Tabs.Tab>
      <Tabs.Tab title={t("registry.mobile.tabs.buildings")} key="buildings">
        <BuildingTree />
      </Tabs.Tab>
    </Tabs>
  );
}

function CareList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tag, setTag] = useState<string>();
  const defs = useTagDefinitions();
  const care = useCarePeople(tag);
  const items = care.data?.pages.flatMap((p) => p.items) ?? [];
  const total = care.data?.pages[0]?.total ?? 0;
  const careTags = (defs.data ?? []).filter((d) => d.kind === "care");
  return (
    <div data-testid="care-list">
      <div className="rg-m-chips">
        <Tag round color={tag ? "default" : "primary"} fill={tag ? "outline" : "solid"} onClick={() => setTag(undefined)}>
          {t("registry.tags.all")}
        </Tag>
        {careTags.map((d) => (
          <Tag key={d.code} round color={tag === d.code ? "primary" : "default"} fill={tag === d.code ? "solid" : "outline"} onClick={() => setTag(d.code)} data-testid={`care-tag-${d.code}`}>
            {d.name}
          </Tag>
        ))}
      </div>
      {care.isPending ? (
        <Skeleton.Paragraph lineCount={8} animated className="m-pad" />
      ) : care.isError ? (
        <ErrorBlock status="default" title={errorMessage(care.error, t)} description="" />
      ) : items.length === 0 ? (
        <ErrorBlock status="empty" title={t("common.empty")} description="" />
      ) : (
        <List header={<span data-testid="care-total" data-total={total}>{t("registry.mobile.careCount", { count: total })}</span>}>
          {items.map((p) => (
            <List.Item
              key={p.id}
              clickable={!!p.householdId}
              onClick={() => p.householdId && navigate(`/registry/households/${p.householdId}`)}
              data-testid="care-person"
              data-person-id={p.id}
              description={
                <div>
                  <div>{p.address ?? "—"}</div>
                  <div className="rg-m-tags">
                    {p.tags.map((x) => (
                      <Tag key={x.code} color="warning" fill="outline">
                        {x.name}
                      </Tag>
                    ))}
                  </div>
                  <div className="m-muted">
                    {p.visitFrequency ? `${t(`registry.mobile.frequency.${p.visitFrequency}`)} · ` : ""}
                    {p.lastVisitAt ? t("registry.mobile.lastVisit", { at: formatShortDateTime(p.lastVisitAt) }) : t("registry.mobile.never")}
                  </div>
                </div>
              }
              data-visited-today={p.lastVisitAt && chinaDay(0, new Date(p.lastVisitAt)) === chinaDay() ? "true" : undefined}
              extra={
                p.lastVisitAt && chinaDay(0, new Date(p.lastVisitAt)) === chinaDay() ? (
                  <Tag color="success" data-testid="care-visited-today">
                    {t("registry.mobile.visitedToday")}
                  </Tag>
                ) : p.due ? (
                  <Tag color="danger">{t("registry.mobile.due")}</Tag>
                ) : undefined
              }
            >
              <span className="rg-m-item-head">
                <strong>{p.name}</strong>
                <span className="m-muted">
                  {t(`people.sex.${p.sex}`)} · {t("people.age", { age: p.age })}
                </span>
              </span>
            </List.Item>
          ))}
          {items.length < total && (
            <List.Item data-testid="care-shown">
              <span className="m-muted">{t("registry.mobile.careShown", { shown: items.length, count: total })}</span>
              {care.hasNextPage && (
                <Button block fill="outline" size="small" className="rg-m-more" loading={care.isFetchingNextPage} onClick={() => void care.fetchNextPage()} data-testid="care-load-more">
                  {t("common.loadMore")}
                </Button>
              )}
            </List.Item>
          )}
        </List>
      )}
    </div>
  );
}

function BuildingTree() {
  const { t } = useTranslation();
  const compounds = useCompounds();
  const [open, setOpen] = useState<string>();
  if (compounds.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (compounds.isError) return <ErrorBlock status="default" title={errorMessage(compounds.error, t)} description="" />;
  if (compounds.data.length === 0) return <ErrorBlock status="empty" title={t("common.empty")} description="" />;
  return (
    <Collapse accordion activeKey={open ?? null} onChange={(k) => setOpen((k as string | null) ?? undefined)} data-testid="compound-list">
      {compounds.data.map((c) => (
        <Collapse.Panel
          key={c.id}
          title={
            <div>
              <strong>{c.name}</strong>
              <div className="m-muted">{t("registry.drill.compoundCounts", { buildings: c.buildings, households: c.households, residents: c.residents })}</div>
            </div>
          }
        >
          {open === c.id && <BuildingList compoundId={c.id} />}
        </Collapse.Panel>
      ))}
    </Collapse>
  );
}

function BuildingList({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const buildings = useBuildings(compoundId);
  if (buildings.isPending) return <Skeleton.Paragraph lineCount={3} animated />;
  if (buildings.isError) return <ErrorBlock status="default" title={errorMessage(buildings.error, t)} description="" />;
  return (
    <List>
      {buildings.data.map((b) => (
        <List.Item
          key={b.id}
          clickable
          onClick={() => navigate(`/registry/buildings/${b.id}`, { state: { name: b.name } })}
          description={t("registry.drill.buildingCounts", { households: b.households, residents: b.residents })}
          extra={b.careResidents > 0 ? <Tag color="warning">{t("registry.drill.care", { count: b.careResidents })}</Tag> : undefined}
          data-testid="mobile-building"
        >
          {b.name}
        </List.Item>
      ))}
    </List>
  );
}
