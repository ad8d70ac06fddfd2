import { Button, List, Popup, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { formatShortDateTime } from "../../lib/format";
import { useCategoryName } from "./use-categories";
import type { PublicCase } from "./types";

interface Props {
  items: PublicCase[] | null;
  onClose: () => void;
  onFollow: (c: PublicCase) => void;
  onSubmitAnyway: () => void;
}

/** "附近已有相同问题正在处理": the same category close by, with the choice to follow one of them or report anyway. */
export function MobileSimilarPopup({ items, onClose, onFollow, onSubmitAnyway }: Props) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  return (
    <Popup visible={!!items} onMaskClick={onClose} bodyClassName="m-sheet" data-testid="similar-popup">
      <div className="m-sheet-title">{t("cases.similar.title")}</div>
      <div className="m-sheet-hint">{t("cases.similar.hint")}</div>
      <List className="m-similar-list">
        {(items ?? []).map((c) => (
          <List.Item
            key={c.id}
            description={
              <div className="m-similar-desc">
                <div>{c.description}</div>
                <div className="m-muted">
                  {t("cases.similar.meta", { distance: Math.round(c.distance), time: formatShortDateTime(c.createdAt) })}
                </div>
              </div>
            }
            extra={
              <Button size="mini" color="primary" fill="outline" onClick={() => onFollow(c)} data-testid="follow-existing">
                {t("cases.similar.follow")}
              </Button>
            }
          >
            <span className="m-similar-title">
              {categoryName(c.categoryCode, c.categoryName)}
              <Tag color={c.status === "closed" ? "success" : "warning"} fill="outline">
                {t(`cases.status.${c.status}`)}
              </Tag>
            </span>
          </List.Item>
        ))}
      </List>
      <div className="m-sheet-foot">
        <Button block size="large" onClick={onSubmitAnyway} data-testid="submit-anyway">
          {t("cases.similar.submitAnyway")}
        </Button>
      </div>
    </Popup>
  );
}
