import { useState } from "react";
import { ErrorBlock, Skeleton, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { useNotices } from "./use-notices";
import "./notices.css";

/**
 * The community's notices on the phone, pinned first then newest; a tap opens the whole text.
 * Everything is rendered as text (React escapes it), so a notice that looks like markup stays inert.
 */
export function MobileNotices({ limit = 3 }: { limit?: number }) {
  const { t } = useTranslation();
  const notices = useNotices();
  const [open, setOpen] = useState<string | null>(null);
  if (notices.isPending) return <Skeleton.Paragraph lineCount={3} animated />;
  if (notices.isError) return <ErrorBlock status="default" title={errorMessage(notices.error, t)} description="" />;
  const items = notices.data.items.slice(0, limit);
  if (items.length === 0) return <div className="m-home-empty">{t("residentHome.noNotices")}</div>;
  return (
    <div className="m-notices" data-testid="home-notices">
      {items.map((n) => (
        <button type="button" key={n.id} className="m-notice" onClick={() => setOpen(open === n.id ? null : n.id)} data-testid="home-notice" aria-expanded={open === n.id}>
          <div className="m-notice-head">
            {n.pinned && (
              <Tag color="danger" fill="outline" className="m-notice-pin">
                {t("notices.pinned")}
              </Tag>
            )}
            <span className="m-notice-title">{n.title}</span>
          </div>
          <div className={open === n.id ? "m-notice-body m-notice-body-open" : "m-notice-body"}>{n.body}</div>
          <div className="m-notice-meta">{formatShortDateTime(n.createdAt)}</div>
        </button>
      ))}
    </div>
  );
}
