import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { loginBody, meReply } from "../../../contracts/auth";
import { apiPost } from "../../api/client";
import { startSession } from "../../api/use-me";

type LoginInput = z.input<typeof loginBody>;
type MeReply = z.infer<typeof meReply>;

/** Sign in with user name and password; on success the session user is cached. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => apiPost<MeReply>("/auth/login", input),
    onSuccess: ({ user }) => startSession(client, user),
  });
}
