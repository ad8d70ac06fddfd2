import { useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { peopleReply } from "../../../contracts/people";
import { apiGet } from "../../api/client";

type PeopleReply = z.infer<typeof peopleReply>;

const PAGE_SIZE = 20;

/** Residents in the caller's scope matching a name or a phone/ID tail (and an address part, a tag); keyset pages of 20. */
export function usePeople(q: string, areaId?: string, more: { address?: string; tag?: string } = {}) {
  const { address, tag } = more;
  return useInfiniteQuery({
    queryKey: ["people", { q, areaId, address, tag }],
    queryFn: ({ pageParam, signal }) =>
      apiGet<PeopleReply>("/people", { q, areaId, address, tag, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
