package io.keyswitch.launcher;

/** Where the portal's database is and how to log in to it. */
public record DatabaseCoordinates(String url, String user, String password) {

    /** The database named by KEYSWITCH_DB_URL/USER/PASSWORD, if KEYSWITCH_DB_URL is set. */
    public static DatabaseCoordinates fromEnvironment() {
        String url = System.getenv("KEYSWITCH_DB_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new DatabaseCoordinates(url, System.getenv().getOrDefault("KEYSWITCH_DB_USER", "keyswitch"),
                System.getenv().getOrDefault("KEYSWITCH_DB_PASSWORD", ""));
    }

    @Override
    public String toString() {
        return "DatabaseCoordinates[url=" + url + ", user=" + user + ", password=(hidden)]";
    }
}
