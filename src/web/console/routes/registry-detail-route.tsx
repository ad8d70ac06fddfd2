import { useParams } from "react-router";
import { HouseholdView } from "../../features/registry/household-view";
import { PersonView } from "../../features/registry/person-view";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

function useBackHeader() {
  const back = useGoBack("/registry");
  return (title: string) => <PageHeader title={title} onBack={back} />;
}

export function RegistryHouseholdRoute() {
  const { id } = useParams<{ id: string }>();
  const header = useBackHeader();
  return (
    <RequirePermission permission="person:read">
      <HouseholdView key={id} id={id!} header={header} />
    </RequirePermission>
  );
}

export function RegistryPersonRoute() {
  const { id } = useParams<{ id: string }>();
  const header = useBackHeader();
  return (
    <RequirePermission permission="person:read">
      <PersonView key={id} id={id!} header={header} />
    </RequirePermission>
  );
}
