package vn.pakn.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.pakn.domain.error.InputError;

/**
 * Who calls an agency or admin route: the officer, their agency and their role, read from the
 * claims API Gateway's JWT authorizer ({@code AgencyJwt}) validated and put into
 * {@code requestContext.authorizer.jwt.claims}. The function never decodes the token itself: what
 * the authorizer did not check is not there to trust. The claim names below are the contract with
 * the identity provider (docs/auth.md); the local token tooling uses these same constants.
 *
 * @param officerId the {@value #CLAIM_OFFICER} claim
 * @param agencyId the {@value #CLAIM_AGENCY} claim; null for administrators
 */
public record Caller(String officerId, String agencyId, Role role) {

    /** The officer's id (the token's subject). */
    public static final String CLAIM_OFFICER = "sub";
    /** The agency the officer works for; absent for administrators. */
    public static final String CLAIM_AGENCY = "pakn:agency";
    /** {@code agency} or {@code admin}. */
    public static final String CLAIM_ROLE = "pakn:role";

    /** Ids end up in keys and log lines: bounded and printable, whatever the identity provider sends. */
    private static final int MAX_ID_LENGTH = 128;

    public enum Role {
        /** Works the complaints of one agency. */
        AGENCY("agency"),
        /** Manages reference data for the whole deployment; belongs to no agency. */
        ADMIN("admin");

        private final String claimValue;

        Role(String claimValue) {
            this.claimValue = claimValue;
        }

        /** The value of {@value Caller#CLAIM_ROLE} for this role. */
        public String claimValue() {
            return claimValue;
        }

        /** The role a {@value Caller#CLAIM_ROLE} value names, if any (exact, lower case). */
        public static Optional<Role> fromClaim(String value) {
            for (Role role : values()) {
                if (role.claimValue.equals(value)) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }
    }

    public Caller {
        Objects.requireNonNull(officerId, "officerId");
        Objects.requireNonNull(role, "role");
        if ((role == Role.AGENCY) != (agencyId != null)) {
            throw new IllegalArgumentException("an agency officer has an agency id and an administrator none");
        }
    }

    /**
     * The caller of an HTTP API (payload 2.0) request on a route protected by the JWT authorizer.
     *
     * @throws InputError {@code UNAUTHENTICATED} (401) when the event carries no validated claims or
     *     no subject; {@code FORBIDDEN} (403) when the role is unknown or does not match the agency claim
     */
    public static Caller from(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event == null ? null : event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = authorizer == null ? null : authorizer.getJwt();
        if (jwt == null || jwt.getClaims() == null) {
            // A route without the authorizer: refuse rather than act for nobody.
            throw unauthenticated();
        }
        return fromClaims(jwt.getClaims());
    }

    /** As {@link #from(APIGatewayV2HTTPEvent)}, from the claims API Gateway passed (values are strings there). */
    public static Caller fromClaims(Map<String, String> claims) {
        String officer = id(claims.get(CLAIM_OFFICER));
        if (officer == null) {
            throw unauthenticated();
        }
        Role role = Role.fromClaim(claims.get(CLAIM_ROLE))
                .orElseThrow(() -> forbidden("role_unknown",
                        "Tài khoản chưa được cấp vai trò trong hệ thống.",
                        "Your account has no role in this system."));
        String agencyClaim = claims.get(CLAIM_AGENCY);
        if (role == Role.ADMIN) {
            if (agencyClaim != null) {
                // Contradictory token: an administrator acting as an agency is an identity-provider mistake.
                throw forbidden("agency_claim_for_admin",
                        "Tài khoản quản trị không được gắn với một cơ quan.",
                        "An administrator's sign-in must not name an agency.");
            }
            return new Caller(officer, null, role);
        }
        String agency = id(agencyClaim);
        if (agency == null) {
            throw forbidden("agency_claim_missing",
                    "Tài khoản cán bộ chưa được gắn với cơ quan nào.",
                    "Your account is not linked to an agency.");
        }
        return new Caller(officer, agency, role);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * The agency this caller acts for.
     *
     * @throws InputError {@code FORBIDDEN} for administrators, who belong to no agency
     */
    public String requireAgency() {
        if (role != Role.AGENCY) {
            throw forbidden("agency_role_required",
                    "Chức năng này dành cho cán bộ của cơ quan xử lý.",
                    "Only agency officers can do this.");
        }
        return agencyId;
    }

    /**
     * This caller, if an administrator.
     *
     * @throws InputError {@code FORBIDDEN} otherwise
     */
    public Caller requireAdmin() {
        if (role != Role.ADMIN) {
            throw forbidden("admin_role_required",
                    "Chức năng này dành cho quản trị viên.",
                    "Only administrators can do this.");
        }
        return this;
    }

    private static String id(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_ID_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return trimmed;
    }

    private static InputError unauthenticated() {
        return InputError.unauthenticated("unauthenticated",
                "Vui lòng đăng nhập để dùng chức năng này.",
                "Please sign in to use this.");
    }

    private static InputError forbidden(String code, String vi, String en) {
        return InputError.forbidden(code, vi, en);
    }
}
