import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileTaskPage } from "../../features/patrols/mobile-task-page";
import { SubPage } from "../sub-page";

/** One patrol task: its checklist, or what was recorded. */
export function PatrolsTaskRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <SubPage title={t("patrols.taskTitle")}>
      <MobileTaskPage key={id} id={id!} />
    </SubPage>
  );
}
