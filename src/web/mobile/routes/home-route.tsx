import { useMe } from "../../api/use-me";
import { isStaffRole } from "../../lib/roles";
import { GridWorkerHome } from "./grid-worker-home";
import { ResidentHome } from "./resident-home";
import { RiderHome } from "./rider-home";

/** Each kind of user gets the home page of their work. */
export function HomeRoute() {
  const user = useMe().data!;
  if (user.role === "rider") return <RiderHome user={user} />;
  if (isStaffRole(user.role)) return <GridWorkerHome user={user} />;
  return <ResidentHome user={user} />;
}
