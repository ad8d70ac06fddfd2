import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { caseKeys } from "./case-keys";
import type { CaseCategory } from "./types";

/** The active case categories, in their display order. */
export function useCategories() {
  return useQuery({
    queryKey: caseKeys.categories,
    queryFn: ({ signal }) => apiGet<{ items: CaseCategory[] }>("/cases/categories", undefined, signal),
    staleTime: 60 * 60_000,
    select: (reply) => reply.items,
  });
}

/** A category's name in the UI language (the server stores both). */
export function useCategoryName() {
  const { i18n } = useTranslation();
  const categories = useCategories().data;
  return (code: string, fallback?: string) => {
    const c = categories?.find((x) => x.code === code);
    if (!c) return fallback ?? code;
    return i18n.language === "en" ? c.nameEn : c.name;
  };
}
