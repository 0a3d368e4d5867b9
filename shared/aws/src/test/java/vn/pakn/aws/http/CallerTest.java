package vn.pakn.aws.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.error.InputError;

class CallerTest {

    private static APIGatewayV2HTTPEvent event(Map<String, String> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, null));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }

    /** Claims as API Gateway passes them: every value a string, numbers included. */
    private static Map<String, String> agencyClaims() {
        Map<String, String> claims = new HashMap<>();
        claims.put("iss", "https://auth.example.gov.vn/");
        claims.put("aud", "pakn-agency");
        claims.put("exp", "1767225600");
        claims.put(Caller.CLAIM_OFFICER, "can-bo-01");
        claims.put(Caller.CLAIM_AGENCY, "bn-ubnd-kinh-bac");
        claims.put(Caller.CLAIM_ROLE, "agency");
        return claims;
    }

    private static InputError refused(Map<String, String> claims) {
        return assertThrows(InputError.class, () -> Caller.from(event(claims)));
    }

    @Test
    void agencyOfficer_isReadFromTheAuthorizersClaims() {
        Caller caller = Caller.from(event(agencyClaims()));
        assertEquals(new Caller("can-bo-01", "bn-ubnd-kinh-bac", Caller.Role.AGENCY), caller);
        assertEquals("bn-ubnd-kinh-bac", caller.requireAgency());
        assertFalse(caller.isAdmin());
    }

    @Test
    void administrator_hasNoAgency() {
        Map<String, String> claims = agencyClaims();
        claims.remove(Caller.CLAIM_AGENCY);
        claims.put(Caller.CLAIM_ROLE, "admin");
        Caller caller = Caller.from(event(claims));
        assertTrue(caller.isAdmin());
        assertNull(caller.agencyId());
        assertEquals(caller, caller.requireAdmin());
    }

    @Test
    void eventWithoutAuthorizer_isUnauthenticated401() {
        APIGatewayV2HTTPEvent open = new APIGatewayV2HTTPEvent();
        open.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
        InputError e = assertThrows(InputError.class, () -> Caller.from(open));
        assertEquals(InputError.Kind.UNAUTHENTICATED, e.kind());
        APIGatewayV2HTTPResponse response = HttpResponses.error(e);
        assertEquals(401, response.getStatusCode());
        assertTrue(response.getBody().contains("\"code\":\"unauthenticated\""), response.getBody());
    }

    @Test
    void missingOrBlankSubject_isUnauthenticated() {
        Map<String, String> claims = agencyClaims();
        claims.remove(Caller.CLAIM_OFFICER);
        assertEquals(InputError.Kind.UNAUTHENTICATED, refused(claims).kind());
        claims.put(Caller.CLAIM_OFFICER, "  ");
        assertEquals(InputError.Kind.UNAUTHENTICATED, refused(claims).kind());
    }

    @Test
    void unknownMissingOrMiscasedRole_isForbidden403() {
        for (String role : new String[] {"superuser", "Admin", "", null}) {
            Map<String, String> claims = agencyClaims();
            claims.put(Caller.CLAIM_ROLE, role);
            InputError e = refused(claims);
            assertEquals(InputError.Kind.FORBIDDEN, e.kind(), String.valueOf(role));
            assertEquals("role_unknown", e.code());
            assertEquals(403, HttpResponses.error(e).getStatusCode());
        }
    }

    @Test
    void agencyRoleWithoutAgency_isForbidden() {
        Map<String, String> claims = agencyClaims();
        claims.remove(Caller.CLAIM_AGENCY);
        assertEquals("agency_claim_missing", refused(claims).code());
        claims.put(Caller.CLAIM_AGENCY, "bn\u0000x");
        assertEquals("agency_claim_missing", refused(claims).code());
    }

    @Test
    void adminRoleNamingAnAgency_isForbidden() {
        Map<String, String> claims = agencyClaims();
        claims.put(Caller.CLAIM_ROLE, "admin");
        assertEquals("agency_claim_for_admin", refused(claims).code());
    }

    @Test
    void roleChecks_refuseTheOtherRoleWith403() {
        Caller officer = new Caller("can-bo-01", "bn-cong-an", Caller.Role.AGENCY);
        Caller admin = new Caller("quan-tri-01", null, Caller.Role.ADMIN);
        InputError notAdmin = assertThrows(InputError.class, officer::requireAdmin);
        InputError notOfficer = assertThrows(InputError.class, admin::requireAgency);
        assertEquals(List.of(InputError.Kind.FORBIDDEN, InputError.Kind.FORBIDDEN),
                List.of(notAdmin.kind(), notOfficer.kind()));
    }

    @Test
    void claimNames_areTheDocumentedContract() {
        assertEquals(List.of("sub", "pakn:agency", "pakn:role", "agency", "admin"), List.of(Caller.CLAIM_OFFICER,
                Caller.CLAIM_AGENCY, Caller.CLAIM_ROLE, Caller.Role.AGENCY.claimValue(), Caller.Role.ADMIN.claimValue()));
    }
}
