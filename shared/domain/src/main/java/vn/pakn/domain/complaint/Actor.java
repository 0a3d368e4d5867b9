package vn.pakn.domain.complaint;

/** Who caused an event. For citizens the id is never their identity, only the channel. */
public record Actor(Kind kind, String id) {
    public enum Kind { CITIZEN, AGENCY, SYSTEM }

    public static Actor citizen(Channel channel) {
        return new Actor(Kind.CITIZEN, channel.wireName());
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }
}
