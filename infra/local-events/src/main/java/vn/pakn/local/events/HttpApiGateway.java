package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import vn.pakn.local.aws.EventSpec;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalDeployment;
import vn.pakn.local.aws.SamTemplate;

/**
 * API Gateway for the template's HTTP API, without the network: routes a request to the most
 * specific route, builds the payload 2.0 event, invokes the function and turns its result into
 * the response, answering as API Gateway does where it answers itself (404
 * {@code {"message":"Not Found"}}, 413 over 10 MB, 500 {@code {"message":"Internal Server Error"}}
 * when the function fails or returns nothing usable, CORS preflights). {@link HttpApiServer} puts
 * it on a port; tests can call {@link #handle(HttpApiRequest)} directly.
 */
public final class HttpApiGateway {

    /** API Gateway's payload limit for HTTP APIs. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final String IMPLICIT_API = "ServerlessHttpApi";
    private static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";

    private final List<HttpApiRoute> routes;
    private final Map<String, LocalFunction> functions;
    private final Map<String, CorsConfiguration> corsByApi;
    private final Map<String, Map<String, Object>> authorizerConfigs;
    private final HttpApiEvents.ApiContext api;
    private final Consumer<String> console;
    private final Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile HttpApiAuthorizer authorizer = HttpApiAuthorizer.denyAll();

    HttpApiGateway(List<HttpApiRoute> routes, Map<String, LocalFunction> functions,
            Map<String, CorsConfiguration> corsByApi, Map<String, Map<String, Object>> authorizerConfigs,
            HttpApiEvents.ApiContext api, Consumer<String> console) {
        List<HttpApiRoute> sorted = new ArrayList<>(routes);
        sorted.sort(HttpApiRoute.MOST_SPECIFIC_FIRST);
        this.routes = List.copyOf(sorted);
        this.functions = Map.copyOf(functions);
        this.corsByApi = Map.copyOf(corsByApi);
        this.authorizerConfigs = Map.copyOf(authorizerConfigs);
        this.api = api;
        this.console = console == null ? s -> { } : console;
    }

    /**
     * The gateway for every {@code Type: HttpApi} event in the deployment's template.
     *
     * @param functions handlers by logical id; a route whose function is missing (it failed to
     *     initialise, say) answers 500, as API Gateway does for a function that cannot start
     */
    public static HttpApiGateway fromTemplate(LocalDeployment deployment, Map<String, LocalFunction> functions,
            Consumer<String> console) {
        List<HttpApiRoute> routes = routes(deployment);
        Map<String, CorsConfiguration> cors = new LinkedHashMap<>();
        Map<String, Map<String, Object>> authorizers = new LinkedHashMap<>();
        for (String apiId : routes.stream().map(HttpApiRoute::apiLogicalId).distinct().toList()) {
            SamTemplate.Resource resource = deployment.template().resources().get(apiId);
            if (resource == null) {
                continue; // SAM's implicit API: no CORS, no authorizers
            }
            CorsConfiguration c = CorsConfiguration.fromTemplate(
                    deployment.resolve(resource.properties().get("CorsConfiguration")));
            if (c != null) {
                cors.put(apiId, c);
            }
            Object auth = deployment.resolve(resource.properties().get("Auth"));
            if (auth instanceof Map<?, ?> a && a.get("Authorizers") instanceof Map<?, ?> all) {
                all.forEach((name, config) -> authorizers.put(apiId + "/" + name,
                        config instanceof Map<?, ?> m ? stringKeys(m) : Map.of()));
            }
        }
        for (HttpApiRoute route : routes) {
            if (route.authorizer() != null && !authorizers.containsKey(route.apiLogicalId() + "/" + route.authorizer())) {
                throw new IllegalArgumentException(route.functionLogicalId() + ".Events." + route.eventName()
                        + " names authorizer " + route.authorizer() + ", which " + route.apiLogicalId()
                        + " does not declare under Auth.Authorizers");
            }
        }
        HttpApiEvents.ApiContext api = new HttpApiEvents.ApiContext(deployment.services().accountId(),
                apiId(routes.isEmpty() ? IMPLICIT_API : routes.get(0).apiLogicalId()));
        return new HttpApiGateway(routes, functions, cors, authorizers, api, console);
    }

    /** The routes the template declares, in template order. */
    public static List<HttpApiRoute> routes(LocalDeployment deployment) {
        List<HttpApiRoute> routes = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (FunctionSpec function : deployment.template().functions()) {
            if (!deployment.isDeployed(deployment.template().resource(function.logicalId()))) {
                continue;
            }
            for (EventSpec event : function.eventsOfType("HttpApi")) {
                EventProperties props = new EventProperties(deployment, function, event);
                String payloadVersion = props.string("PayloadFormatVersion");
                if (payloadVersion != null && !payloadVersion.equals("2.0")) {
                    throw new IllegalArgumentException(props.where() + ": only PayloadFormatVersion 2.0 is emulated"
                            + " locally, got " + payloadVersion);
                }
                String apiLogicalId = apiLogicalId(event.properties().get("ApiId"), deployment, props.where());
                String method = props.string("Method");
                String path = props.string("Path");
                if (method == null && path == null) {
                    method = HttpApiRoute.ANY;
                    path = HttpApiRoute.DEFAULT_ROUTE;
                } else if (method == null || path == null) {
                    throw new IllegalArgumentException(props.where() + " needs both Method and Path (or neither, for"
                            + " the $default route)");
                }
                String authorizer = defaultAuthorizer(deployment, apiLogicalId);
                List<String> scopes = List.of();
                Map<String, Object> auth = props.map("Auth");
                if (auth.containsKey("Authorizer")) {
                    authorizer = String.valueOf(auth.get("Authorizer"));
                }
                if (auth.get("AuthorizationScopes") instanceof List<?> list) {
                    scopes = list.stream().map(String::valueOf).toList();
                }
                if ("NONE".equals(authorizer)) {
                    authorizer = null;
                }
                HttpApiRoute route = new HttpApiRoute(method.equalsIgnoreCase("any") ? HttpApiRoute.ANY : method, path,
                        function.logicalId(), event.name(), apiLogicalId, authorizer, scopes);
                if (!keys.add(apiLogicalId + " " + route.routeKey())) {
                    throw new IllegalArgumentException(props.where() + ": route " + route.routeKey()
                            + " is declared twice on " + apiLogicalId);
                }
                routes.add(route);
            }
        }
        return List.copyOf(routes);
    }

    private static String apiLogicalId(Object apiId, LocalDeployment deployment, String where) {
        if (apiId == null) {
            return IMPLICIT_API;
        }
        Object ref = apiId instanceof Map<?, ?> m && m.size() == 1 ? m.get("Ref") : apiId;
        String id = String.valueOf(ref);
        SamTemplate.Resource resource = deployment.template().resources().get(id);
        if (resource == null || !resource.type().equals(HTTP_API_TYPE)) {
            throw new IllegalArgumentException(where + ".ApiId must be !Ref to an " + HTTP_API_TYPE + ", got " + apiId);
        }
        return id;
    }

    private static String defaultAuthorizer(LocalDeployment deployment, String apiLogicalId) {
        SamTemplate.Resource resource = deployment.template().resources().get(apiLogicalId);
        if (resource == null) {
            return null;
        }
        Object auth = deployment.resolve(resource.properties().get("Auth"));
        Object name = auth instanceof Map<?, ?> a ? a.get("DefaultAuthorizer") : null;
        return name == null ? null : name.toString();
    }

    /** A stable, API-Gateway-shaped id (ten lower-case letters and digits) for an API's logical id. */
    static String apiId(String logicalId) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        long h = logicalId.hashCode() & 0xffffffffL;
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt((int) (h % alphabet.length())));
            h = h / alphabet.length() + (long) i * 7919 + logicalId.length();
        }
        return id.toString();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Installs the check for routes that name an authorizer (denied by default). */
    public HttpApiGateway withAuthorizer(HttpApiAuthorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        return this;
    }

    /** Most specific first, the order routes are tried in. */
    public List<HttpApiRoute> routes() {
        return routes;
    }

    public String apiId() {
        return api.apiId();
    }

    /** The route serving a request and its path parameters; empty means API Gateway's 404. */
    public Optional<Map.Entry<HttpApiRoute, Map<String, String>>> route(String method, String rawPath) {
        for (HttpApiRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(Map.entry(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** Answers one request as API Gateway would. Never throws for a function's failure. */
    public HttpApiResponse handle(HttpApiRequest request) {
        long t0 = System.nanoTime();
        String line = request.method() + " " + request.rawPath()
                + (request.rawQueryString().isEmpty() ? "" : "?" + request.rawQueryString());
        CorsConfiguration cors = corsByApi.isEmpty() ? null : corsByApi.values().iterator().next();
        if (request.body().length > MAX_BODY_BYTES) {
            console.accept(line + " -> 413 (body over API Gateway's 10 MB limit)");
            return HttpApiResponse.gatewayError(413, "Request Entity Too Large");
        }
        if (cors != null && CorsConfiguration.isPreflight(request)) {
            return cors.preflight(request);
        }
        Optional<Map.Entry<HttpApiRoute, Map<String, String>>> match = route(request.method(), request.rawPath());
        if (match.isEmpty()) {
            console.accept(line + " -> 404 (no route)");
            return withCors(cors, request, HttpApiResponse.gatewayError(404, "Not Found"));
        }
        HttpApiRoute route = match.get().getKey();
        cors = corsByApi.get(route.apiLogicalId());
        String requestId = HttpApiEvents.newRequestId();
        HttpApiResponse response = invoke(request, route, match.get().getValue(), requestId, line, t0);
        return withCors(cors, request, response.withHeaders(Map.of("apigw-requestid", requestId)));
    }

    private HttpApiResponse invoke(HttpApiRequest request, HttpApiRoute route, Map<String, String> pathParameters,
            String requestId, String line, long t0) {
        LocalFunction function = functions.get(route.functionLogicalId());
        if (function == null) {
            if (reported.add(route.functionLogicalId())) {
                console.accept(route.routeKey() + ": " + route.functionLogicalId() + " is not running (see the startup"
                        + " messages); answering 500 as API Gateway does for a function that cannot start");
            }
            console.accept(line + " -> 500 (" + route.functionLogicalId() + " not running)");
            return HttpApiResponse.gatewayError(500, "Internal Server Error");
        }
        APIGatewayV2HTTPEvent event = HttpApiEvents.toEvent(request, route, pathParameters, api, requestId,
                Instant.now());
        if (route.authorizer() != null) {
            HttpApiAuthorizer.Decision decision = authorizer.authorize(route,
                    authorizerConfigs.getOrDefault(route.apiLogicalId() + "/" + route.authorizer(), Map.of()), event);
            if (!decision.allowed()) {
                console.accept(line + " -> " + decision.denial().statusCode() + " (authorizer " + route.authorizer()
                        + ")");
                return decision.denial();
            }
            event.getRequestContext().setAuthorizer(decision.context());
        }
        HttpApiResponse response;
        String outcome = "";
        Object result = null;
        boolean threw = false;
        try {
            result = function.invoke(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            threw = true;
            outcome = " (the function threw " + e + ")";
        }
        if (threw) {
            response = HttpApiResponse.gatewayError(500, "Internal Server Error");
        } else {
            try {
                response = HttpApiEvents.toResponse(result);
            } catch (IllegalArgumentException e) {
                response = HttpApiResponse.gatewayError(500, "Internal Server Error");
                outcome = " (" + e.getMessage() + ")";
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String overrun = ms > function.spec().timeoutSeconds() * 1000L
                ? " [over the function's Timeout of " + function.spec().timeoutSeconds() + " s: on AWS this fails]" : "";
        console.accept(line + " -> " + response.statusCode() + " " + function.logicalId() + " (" + ms + " ms)" + outcome
                + overrun);
        return response;
    }

    private static HttpApiResponse withCors(CorsConfiguration cors, HttpApiRequest request, HttpApiResponse response) {
        return cors == null ? response : cors.apply(request, response);
    }

    @Override
    public String toString() {
        return "HttpApiGateway" + routes.stream().map(r -> r.routeKey() + " -> " + r.functionLogicalId()).toList();
    }
}
