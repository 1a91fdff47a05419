package io.flopx.gateway.proxy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refusals of the API's callers as problem+json that say what to do, where Quarkus answers 401 and 403 with an
 * empty body: no bearer token, a token that is not accepted (forged, expired, for another audience), a role that
 * may not do this. Only under {@code /api}: the dashboard's sign-in redirects and the metrics' refusals stay
 * Quarkus'.
 */
@ApplicationScoped
public class AuthProblems {

    /** After RefusedCallers (whose headers-end hook counts the 401s sent here), before authentication. */
    private static final int BEFORE_AUTHENTICATION = RouteConstants.ROUTE_ORDER_BODY_HANDLER + 2;
    /** The roles the API's permissions name (a token carries the identity provider's own roles too). */
    private static final Set<String> API_ROLES = Set.of("enterprise", "provider", "operator", "agent");

    void register(@Observes Router router) {
        router.route(RouteTable.PREFIX + "/*").order(BEFORE_AUTHENTICATION).handler(this::requireBearer);
        router.route(RouteTable.PREFIX + "/*").failureHandler(this::refused);
    }

    /** A request without a bearer token is anonymous, and Quarkus would answer it 401 with nothing more. */
    private void requireBearer(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (ctx.request().method() != HttpMethod.OPTIONS // a CORS preflight carries no credentials
                && (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ProxyRoutes.problem(
                    ctx,
                    401,
                    "Unauthorized",
                    "sign in: send an access token from the identity provider as Authorization: Bearer <token>");
            return;
        }
        ctx.next();
    }

    private void refused(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.failure() instanceof AuthenticationFailedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProxyRoutes.problem(
                    ctx,
                    401,
                    "Unauthorized",
                    "the access token is not accepted (expired, not signed by the identity provider, or issued for "
                            + "another audience): sign in again");
        } else if (ctx.failure() instanceof ForbiddenException) {
            ProxyRoutes.problem(
                    ctx,
                    403,
                    "Forbidden",
                    "your roles (" + roles(ctx) + ") may not " + ctx.request().method() + " "
                            + ctx.request().path());
        } else {
            ctx.next();
        }
    }

    private static String roles(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            TreeSet<String> roles = new TreeSet<>(user.getSecurityIdentity().getRoles());
            roles.retainAll(API_ROLES);
            return roles.isEmpty() ? "none" : String.join(", ", roles);
        }
        return "none";
    }
}
