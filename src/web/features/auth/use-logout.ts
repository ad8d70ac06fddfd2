import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "../../api/client";
import { setMe } from "../../api/use-me";

/** Ends the session and forgets everything cached for this user. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ ok: true }>("/auth/logout"),
    onSettled: () => {
      client.clear();
      setMe(client, null);
    },
  });
}
