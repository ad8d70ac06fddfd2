import { useTranslation } from "react-i18next";
import { useOutbox } from "./use-outbox";
import "./patrols.css";

/**
 * On the grid worker's home page: patrol records still waiting on the phone, or refused by a
 * conflict, so neither goes unnoticed; while it is shown the outbox keeps syncing from here too.
 */
export function MobileOutboxNotice({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const problems = outbox.records.filter((r) => r.state === "conflict" || r.state === "rejected").length;
  if (outbox.pendingCount === 0 && problems === 0) return null;
  return (
    <button type="button" className={`p-outbox-notice${problems ? " p-outbox-notice-bad" : ""}`} onClick={onOpen} data-testid="home-outbox">
      {outbox.pendingCount > 0 && <span>{t("patrols.outbox.homePending", { count: outbox.pendingCount })}</span>}
      {problems > 0 && <span>{t("patrols.outbox.homeProblems", { count: problems })}</span>}
    </button>
  );
}
