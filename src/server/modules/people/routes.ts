import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { peopleQuery, peopleReply } from "../../../contracts/people";
import { signedIn } from "../../platform/http";
import { AppError } from "../../platform/errors";
import { UUID_RE } from "../../platform/ids";
import { searchPeople } from "./search-people";

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/people",
    {
      schema: { tags: ["people"], summary: "Search residents in the caller's scope (masked)", querystring: peopleQuery, response: { 200: peopleReply } },
      config: { policy: "person:read" },
    },
    async (request) => {
      if (request.query.cursor && !UUID_RE.test(request.query.cursor)) throw new AppError("VALIDATION_FAILED", [{ path: "/cursor", message: "invalid cursor" }]);
      return searchPeople(app.deps, signedIn(request), request.query);
    },
  );
};
