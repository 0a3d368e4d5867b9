package vn.pakn.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * Where the template's JWT authorizers ({@code Auth.Authorizers.*.JwtConfiguration} of each
 * {@code AWS::Serverless::HttpApi}) take their issuer and audiences from, so the local runtime can
 * point the issuer at itself exactly as a deployment points it at the real identity provider: by
 * setting the template parameter the issuer {@code !Ref}s.
 */
final class LocalAuth {

    private static final String HTTP_API = "AWS::Serverless::HttpApi";

    private LocalAuth() {}

    /** The parameters a JWT authorizer's {@code issuer} refers to ({@code JwtIssuer} in template.yaml). */
    static Set<String> issuerParameters(SamTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<?, ?> jwt : jwtConfigurations(template)) {
            if (jwt.get("issuer") instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") != null
                    && template.parameters().containsKey(String.valueOf(ref.get("Ref")))) {
                names.add(String.valueOf(ref.get("Ref")));
            }
        }
        return names;
    }

    /** The audiences the deployment's JWT authorizers accept, resolved (overrides included). */
    static List<String> audiences(LocalDeployment deployment) {
        return audiences(deployment.template(), deployment::resolve);
    }

    /** The audiences with the template's parameter defaults: what a runtime started without overrides accepts. */
    static List<String> defaultAudiences(SamTemplate template) {
        return audiences(template, value -> {
            if (value instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") != null) {
                SamTemplate.Parameter parameter = template.parameters().get(String.valueOf(ref.get("Ref")));
                return parameter == null ? null : parameter.defaultValue();
            }
            return value;
        });
    }

    private static List<String> audiences(SamTemplate template, Function<Object, Object> resolve) {
        Set<String> audiences = new LinkedHashSet<>();
        for (Map<?, ?> jwt : jwtConfigurations(template)) {
            Object audience = jwt.get("audience");
            for (Object item : audience instanceof List<?> list ? list : audience == null ? List.of() : List.of(audience)) {
                Object value = resolve.apply(item);
                if (value instanceof List<?> values) {
                    values.forEach(v -> audiences.add(String.valueOf(v)));
                } else if (value != null) {
                    audiences.add(String.valueOf(value));
                }
            }
        }
        return List.copyOf(audiences);
    }

    private static List<Map<?, ?>> jwtConfigurations(SamTemplate template) {
        List<Map<?, ?>> configurations = new ArrayList<>();
        for (SamTemplate.Resource api : template.resourcesOfType(HTTP_API)) {
            if (api.properties().get("Auth") instanceof Map<?, ?> auth
                    && auth.get("Authorizers") instanceof Map<?, ?> authorizers) {
                for (Object authorizer : authorizers.values()) {
                    if (authorizer instanceof Map<?, ?> a && a.get("JwtConfiguration") instanceof Map<?, ?> jwt) {
                        configurations.add(jwt);
                    }
                }
            }
        }
        return configurations;
    }
}
