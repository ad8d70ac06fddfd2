import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { placesQuery, placesReply } from "../../../contracts/areas";
import { apiGet } from "../../api/client";

type PlacesReply = z.infer<typeof placesReply>;
export type PlaceKind = NonNullable<z.infer<typeof placesQuery>["kind"]>;
export type Place = PlacesReply["items"][number];

/** Places of one kind in the caller's area (rider stations, public units …). */
export function usePlaces(kind: PlaceKind) {
  return useQuery({
    queryKey: ["places", kind],
    queryFn: ({ signal }) => apiGet<PlacesReply>("/places", { kind }, signal),
    select: (reply) => reply.items,
  });
}
