import { Button, ErrorBlock, Image, ImageViewer, List, Skeleton, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useHousehold } from "./use-registry";
import type { HouseholdDetail } from "./types";
import "./registry.css";

/** A household on the phone: members (masked), their tags, the visits so far and "记录走访". */
export function MobileHousehold({ id }: { id: string }) {
  const { t } = useTranslation();
  const household = useHousehold(id);
  if (household.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (household.isError) return <ErrorBlock status="default" title={errorMessage(household.error, t)} description="" />;
  return <Detail h={household.data} />;
}

function Detail({ h }: { h: HouseholdDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const active = h.people.filter((p) => p.status === "active");
  return (
    <div data-testid="mobile-household-detail">
      <section className="m-card">
        <div className="m-card-title">{h.address}</div>
        <div className="m-muted">
          {t(`registry.household.statuses.${h.status}`, { defaultValue: h.status })} · {t("registry.household.membersCount", { count: h.members })}
          {h.movedInOn ? ` · ${t("registry.household.movedInOn")} ${h.movedInOn}` : ""}
        </div>
      </section>
      <List header={t("registry.mobile.members")}>
        {active.map((p) => (
          <List.Item
            key={p.id}
            description={
              <div>
                <div className="m-muted">{p.phone ?? "—"}</div>
                {p.tags.length > 0 && (
                  <div className="rg-m-tags">
                    {p.tags.map((x) => (
                      <Tag key={x.code} color="warning" fill="outline">
                        {x.name}
                      </Tag>
                    ))}
                  </div>
                )}
              </div>
            }
            extra={t(`people.residence.${p.residence}`)}
          >
            <span className="rg-m-item-head">
              <strong>{p.name}</strong>
              <span className="m-muted">
                {t(`registry.relation.${p.relation}`)} · {t(`people.sex.${p.sex}`)} · {t("people.age", { age: p.age })}
              </span>
            </span>
          </List.Item>
        ))}
      </List>
      <section className="m-card" data-testid="mobile-visits">
        <div className="m-card-title">{t("registry.visits.title")}</div>
        {h.visits.length === 0 ? (
          <div className="m-muted">{t("registry.visits.none")}</div>
        ) : (
          h.visits.map((v) => (
            <div key={v.id} className="rg-m-visit" data-testid="mobile-visit">
              <div className="m-muted">
                {v.visitor} · {formatDateTime(v.visitedAt)}
              </div>
              <div className="rg-m-visit-notes">{v.notes}</div>
              {v.photos.length > 0 && (
                <div className="rg-photos">
                  {v.photos.map((p, i) => (
                    <Image
                      key={p.id}
                      src={p.thumbUrl}
                      width={64}
                      height={64}
                      fit="cover"
                      onClick={() => ImageViewer.Multi.show({ images: v.photos.map((x) => x.url), defaultIndex: i })}
                      data-testid="visit-photo"
                    />
                  ))}
                </div>
              )}
            </div>
          ))
        )}
      </section>
      {h.status === "active" && hasPermission(me.data, "visit:write") && (
        <div className="rg-m-actions">
          <Button block color="primary" size="large" onClick={() => navigate(`/registry/households/${h.id}/visit`)} data-testid="record-visit">
            {t("registry.visits.record")}
          </Button>
        </div>
      )}
    </div>
  );
}
