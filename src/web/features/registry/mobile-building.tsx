import { ErrorBlock, List, Skeleton, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useHouseholds } from "./use-registry";
import "./registry.css";

/** The households of one building on the phone, with their care tags. */
export function MobileBuilding({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const households = useHouseholds(id);
  if (households.isPending) return <Skeleton.Paragraph lineCount={10} animated className="m-pad" />;
  if (households.isError) return <ErrorBlock status="default" title={errorMessage(households.error, t)} description="" />;
  if (households.data.length === 0) return <ErrorBlock status="empty" title={t("common.empty")} description="" />;
  return (
    <List data-testid="mobile-households">
      {households.data.map((h) => (
        <List.Item
          key={h.id}
          clickable
          onClick={() => navigate(`/registry/households/${h.id}`)}
          data-testid="mobile-household"
          description={
            h.tags.length > 0 && (
              <div className="rg-m-tags">
                {h.tags.map((name) => (
                  <Tag key={name} color="warning" fill="outline">
                    {name}
                  </Tag>
                ))}
              </div>
            )
          }
          extra={t("registry.household.membersCount", { count: h.members })}
        >
          <span className="rg-m-item-head">
            <strong>{t("registry.household.unitRoom", { unit: h.unitNo, room: h.roomNo })}</strong>
            <span className="m-muted">{h.head ?? t("registry.household.noHead")}</span>
          </span>
        </List.Item>
      ))}
    </List>
  );
}
