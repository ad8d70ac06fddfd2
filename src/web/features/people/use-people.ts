import { useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { peopleReply } from "../../../contracts/people";
import { apiGet } from "../../api/client";

type PeopleReply = z.infer<typeof peopleReply>;

const PAGE_SIZE = 20;

/** Residents in the caller's scope matching a name or a phone/ID tail; keyset pages of 20. */
export function usePeople(q: string, areaId?: string) {
  return useInfiniteQuery({
    queryKey: ["people", { q, areaId }],
    queryFn: ({ pageParam, signal }) =>
      apiGet<PeopleReply>("/people", { q, areaId, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
