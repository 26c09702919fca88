// The entry points every route uses: withApiAuth for route handlers, requirePageAuth for pages,
// authorizedAction for server actions. tests/auth/route-coverage.test.ts fails if a route skips them.
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse, invalid, type AppErrorCode } from "@/lib/errors";
import { rejectUnknownFields, rejectUnknownParameters, type ApiContract } from "@/lib/api/contract";
import { rejectBadBody, rejectNulParameters } from "@/lib/api/input";
import { databaseFailure } from "@/lib/db/failures";
import { authenticateCookies, authenticateRequest, clientIp, type AuthContext } from "./context";
import { takeActiveTeam } from "./active-team";
import { refuseCallFromOtherTeam } from "./active-team-check";
import { refuseWithoutRequiredMfa } from "./mfa";
import { can, type Access } from "./roles";

export type { AuthContext } from "./context";

function requireAccess(ctx: AuthContext, access: Access) {
  if (!can(ctx, access)) {
    throw new AppError("forbidden", access === "write" ? "Your role in this team can read but not change this." : "Your role in this team does not allow this.");
  }
}

type RouteContext<P> = { params: Promise<P> };
type ApiHandler<P> = (args: { request: Request; ctx: AuthContext; params: P }) => Promise<Response>;
export type ApiRoute<P> = ((request: Request, context?: RouteContext<P>) => Promise<Response>) & { contract: ApiContract };

/**
 * Wraps a route handler in its contract (lib/api/endpoints.ts): authenticates (session cookie or
 * bearer token), checks the contract's access, refuses query parameters and body fields the
 * contract does not name, and maps errors to JSON. The contract rides on the handler, so a test
 * can check that every route is in docs/openapi.yaml.
 */
export function withApiAuth<P = Record<string, never>>(contract: ApiContract & { access: Access }, handler: ApiHandler<P>): ApiRoute<P> {
  const route = async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      const ctx = await authenticateRequest(getDb(), request);
      if (!ctx) throw new AppError("unauthenticated", "Sign in, or send an API token as 'Authorization: Bearer <token>'.");
      refuseWithoutRequiredMfa(ctx);
      requireAccess(ctx, contract.access);
      // A browser session writing through the API must come from our own pages (SameSite=Lax is the first line)
      if (ctx.via === "session" && !["GET", "HEAD"].includes(request.method)) {
        const origin = request.headers.get("origin");
        if (origin && origin !== new URL(request.url).origin) throw new AppError("forbidden", "Cross-site request refused.");
      }
      const params = ((await context?.params) ?? {}) as P;
      rejectNulParameters(params as Record<string, unknown>, new URL(request.url).searchParams);
      rejectUnknownParameters(contract, new URL(request.url).searchParams);
      await rejectBadBody(contract, request);
      await rejectUnknownFields(contract, request);
      return await handler({ request, ctx, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { contract });
}

// Once per request, however many components ask (React's cache is per request on the server)
const currentContext = cache(async (): Promise<AuthContext | null> => {
  const requestHeaders = await headers();
  return authenticateCookies(getDb(), requestHeaders.get("cookie"), clientIp(requestHeaders));
});

export const MFA_ENROLMENT_PATH = "/settings/security";

/**
 * For pages and layouts: the signed-in user's context, or a redirect to sign-in that comes back
 * here; a member who must enrol in MFA for their team is led to enrolment from every other page.
 */
export async function requirePageAuth(access: Access = "read"): Promise<AuthContext> {
  const ctx = await currentContext();
  const path = (await headers()).get("x-atlas-path") ?? "/";
  if (!ctx) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (ctx.mustEnrolMfa && !path.startsWith(MFA_ENROLMENT_PATH)) redirect(`${MFA_ENROLMENT_PATH}?required=1`);
  if (!can(ctx, access)) notFound();
  return ctx;
}

/** The context if someone is signed in (for public pages that change when they are). */
export async function optionalPageAuth(): Promise<AuthContext | null> {
  return currentContext();
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: AppErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]>; current?: unknown };

function toInput(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries([...input.keys()].map((key) => [key, input.getAll(key).length > 1 ? input.getAll(key) : input.get(key)])) : input;
}

/** The fields for the schema, and the team the calling page was rendered for (lib/auth/active-team.ts) */
const readInput = (input: unknown) => takeActiveTeam(toInput(input));

function failure(raw: unknown): ActionResult<never> {
  const error = databaseFailure(raw) ?? raw;
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(Object.keys(error.fieldErrors).length ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.current !== undefined ? { current: error.current } : {}),
    };
  }
  console.error(error);
  return { ok: false, code: "internal", message: "Something went wrong on our side. Nothing was changed; try again." };
}

/**
 * A server action is a public POST endpoint: this wrapper authenticates the caller, refuses a call
 * from a page rendered for another team than the session's active one (unless the action works
 * from any team's page), checks the role, validates the input with zod, and turns errors into a
 * result the form can show.
 */
export function authorizedAction<S extends z.ZodType, T>(
  access: Access,
  schema: S,
  handler: (ctx: AuthContext, input: z.output<S>) => Promise<T>,
  options: { openBeforeMfaEnrolment?: boolean; fromAnyTeamPage?: boolean } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const ctx = await currentContext();
      if (!ctx) throw new AppError("unauthenticated", "Your session has ended. Sign in again; nothing was changed.");
      const { pageTeamId, fields } = readInput(input);
      if (!options.fromAnyTeamPage) await refuseCallFromOtherTeam(getDb(), ctx, pageTeamId);
      if (!options.openBeforeMfaEnrolment) refuseWithoutRequiredMfa(ctx);
      requireAccess(ctx, access);
      const parsed = schema.safeParse(fields);
      if (!parsed.success) throw invalid(parsed.error.issues);
      return { ok: true, data: await handler(ctx, parsed.data) };
    } catch (error) {
      return failure(error);
    }
  };
}

/** For the few actions open to anonymous visitors (first sign-up, accepting an invitation). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, meta: { ip: string }) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      // No team to compare with: a page's team, if one was sent, is only taken off the fields
      const parsed = schema.safeParse(readInput(input).fields);
      if (!parsed.success) throw invalid(parsed.error.issues);
      return { ok: true, data: await handler(parsed.data, { ip: clientIp(await headers()) }) };
    } catch (error) {
      return failure(error);
    }
  };
}
