import type { ReactNode } from "react";
import { Button, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";

/** A console page's title row; with `onBack`, a back arrow before the title (detail pages). */
export function PageHeader({ title, extra, children, onBack }: { title: ReactNode; extra?: ReactNode; children?: ReactNode; onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="ll-page-header">
      <div>
        <Typography.Title level={4} className="ll-page-title">
          {onBack ? (
            <span className="ll-back-title">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t("common.back")} data-testid="back" />
              {title}
            </span>
          ) : (
            title
          )}
        </Typography.Title>
        {children && <div className="ll-page-sub">{children}</div>}
      </div>
      {extra}
    </div>
  );
}

/** Back to where the user came from inside the console, or to `fallback` on a page opened directly. */
export function useGoBack(fallback: string): () => void {
  const navigate = useNavigate();
  return () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback);
  };
}
