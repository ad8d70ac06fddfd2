import { ErrorBlock, List, Skeleton, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { useBuildingContacts } from "../party/use-party-map";
import { useHouseholds } from "./use-registry";
import "./registry.css";

/** The households of one building on the phone, with their care tags, the building's 楼栋长 and each household's 中心户. */
export function MobileBuilding({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const households = useHouseholds(id);
  const me = useMe();
  const contacts = useBuildingContacts(id, hasPermission(me.data, "party:contacts"));
  const anchors = new Map((contacts.data?.households ?? []).map((h) => [h.id, h.anchor]));
  if (households.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (households.isError) return <ErrorBlock status="default" title={errorMessage(households.error, t)} description="" />;
  if (households.data.length === 0) return <ErrorBlock status="empty" title={t("common.empty")} description="" />;
  const leader = contacts.data?.buildingLeader;
  return (
    <List data-testid="mobile-households" header={contacts.data && <span data-testid="mobile-building-leader">{t("party.map.leaderLine", { who: leader ? t("party.map.leaderOf", { name: leader.name, group: leader.group }) : t("party.map.noLeader") })}</span>}>
      {households.data.map((h) => {
        const anchor = anchors.get(h.id);
        return (
          <List.Item
            key={h.id}
            clickable
            onClick={() => navigate(`/registry/households/${h.id}`)}
            data-testid="mobile-household"
            description={
              <>
                {h.tags.length > 0 && (
                  <div className="rg-m-tags">
                    {h.tags.map((name) => (
                      <Tag key={name} color="warning" fill="outline">
                        {name}
                      </Tag>
                    ))}
                  </div>
                )}
                {anchor && (
                  <div data-testid="mobile-household-anchor">
                    {t("party.map.anchorLine", { who: t("party.map.anchorOf", { name: anchor.name, address: anchor.address }) })}
                  </div>
                )}
              </>
            }
            extra={t("registry.household.membersCount", { count: h.members })}
          >
            <span className="rg-m-item-head">
              <strong>{t("registry.household.unitRoom", { unit: h.unitNo, room: h.roomNo })}</strong>
              <span className="m-muted">{h.head ?? t("registry.household.noHead")}</span>
            </span>
          </List.Item>
        );
      })}
    </List>
  );
}
