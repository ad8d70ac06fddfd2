import type { ReactNode } from "react";
import { Typography } from "antd";

export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="ll-page-header">
      <div>
        <Typography.Title level={4} className="ll-page-title">
          {title}
        </Typography.Title>
        {children && <div className="ll-page-sub">{children}</div>}
      </div>
      {extra}
    </div>
  );
}
