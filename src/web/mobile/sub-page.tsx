import type { ReactNode } from "react";
import { NavBar } from "antd-mobile";
import { useNavigate } from "react-router";

/** A page below the tabs: a title bar with a back arrow (to the previous page, or home when opened directly). */
export function SubPage({ title, right, children, className }: { title: string; right?: ReactNode; children: ReactNode; className?: string }) {
  const navigate = useNavigate();
  const back = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate("/", { replace: true });
  };
  return (
    <div className={`m-subpage${className ? ` ${className}` : ""}`}>
      <NavBar className="m-navbar" onBack={back} right={right}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}
