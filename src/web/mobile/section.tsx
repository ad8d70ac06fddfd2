import type { ReactNode } from "react";

/** A titled white block of a phone page. */
export function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="m-section">
      <div className="m-section-head">
        <span className="m-section-title">{title}</span>
        {extra}
      </div>
      {children}
    </section>
  );
}
