import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CalendarDayItem, SetCalendarDayBody } from "../../../contracts/case-settings";
import { apiDelete, apiGet, apiPut } from "../../api/client";
import { settingsKeys } from "./keys";

/** A year's holidays and adjusted working days. */
export function useCalendar(year: number) {
  return useQuery({
    queryKey: settingsKeys.calendar(year),
    queryFn: ({ signal }) => apiGet<{ year: number; items: CalendarDayItem[] }>("/case-settings/calendar", { year }, signal),
  });
}

/** Adds (or replaces) and removes calendar days; the year's list is refreshed. */
export function useCalendarMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["case-settings", "calendar"] });
  const set = useMutation({
    mutationFn: ({ day, ...body }: SetCalendarDayBody & { day: string }) => apiPut<CalendarDayItem>(`/case-settings/calendar/${day}`, body),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (day: string) => apiDelete<{ ok: true }>(`/case-settings/calendar/${day}`),
    onSuccess: refresh,
  });
  return { set, remove };
}
