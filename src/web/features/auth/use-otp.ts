import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { meReply, otpRequestReply } from "../../../contracts/auth";
import { apiPost } from "../../api/client";
import { startSession } from "../../api/use-me";

type OtpRequestReply = z.infer<typeof otpRequestReply>;
type MeReply = z.infer<typeof meReply>;

/** Asks for a one-time code by SMS; in demo mode the reply carries the code itself. */
export function useRequestOtp() {
  return useMutation({
    mutationFn: (phone: string) => apiPost<OtpRequestReply>("/auth/otp/request", { phone }),
  });
}

/** Signs in with phone and one-time code. */
export function useVerifyOtp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { phone: string; code: string }) => apiPost<MeReply>("/auth/otp/verify", input),
    onSuccess: ({ user }) => startSession(client, user),
  });
}
