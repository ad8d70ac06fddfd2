import { useParams } from "react-router";
import { CaseDetailView } from "../../features/cases/case-detail-view";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

export function CaseRoute() {
  const { id } = useParams<{ id: string }>();
  const back = useGoBack("/cases");
  return (
    <RequirePermission permission="case:read">
      <CaseDetailView
        key={id}
        id={id!}
        header={(title) => <PageHeader title={title} onBack={back} />}
      />
    </RequirePermission>
  );
}
