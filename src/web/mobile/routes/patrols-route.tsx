import { useEffect } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileTaskList } from "../../features/patrols/mobile-task-list";
import { keepLoadedCode } from "../../features/patrols/offline-shell";
import { SubPage } from "../sub-page";

/** 巡查任务: the grid worker's tasks of today, this week and overdue, and the phone's outbox. */
export function PatrolsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Load the task page's code while the network is there, so a task still opens offline.
  useEffect(() => {
    void import("./patrols-task-route").then(keepLoadedCode);
  }, []);
  return (
    <SubPage title={t("mobile.entries.patrols")}>
      <MobileTaskList onOpen={(id) => navigate(`/patrols/tasks/${id}`)} />
    </SubPage>
  );
}
