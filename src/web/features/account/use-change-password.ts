import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import type { changePasswordBody } from "../../../contracts/auth";
import { apiPost } from "../../api/client";

type ChangePasswordInput = z.input<typeof changePasswordBody>;

/** Changes the caller's password; other sessions of the account are ended by the server. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => apiPost<{ ok: true }>("/auth/password", input),
  });
}
