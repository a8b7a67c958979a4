package io.vigil.config;

import static io.vigil.config.ConfigFixture.lines;
import static io.vigil.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMTP AUTH without encryption sends the password readable on the wire: the config says so at start. */
class SmtpClearTextTest {
    static final String SMTP = """
            smtp:
              host: mail.example.com
              port: 25
              starttls: %s
              username: vigil
              password: hunter2
              from: vigil@example.com
            """;

    @Test
    void passwordWithoutTlsIsAWarningThatShowsNoSecret() {
        ConfigResult r = load(SMTP.formatted("false"));
        assertThat(r.ok()).isTrue();
        assertThat(lines(r)).containsExactly("vigil.yaml:4:3: warning: smtp.starttls: the SMTP password is sent in "
                + "clear text (starttls: false and no ssl); anyone on the network path can read it: use starttls: true "
                + "or ssl: true");
        assertThat(String.join("\n", lines(r))).doesNotContain("hunter2");
    }

    @Test
    void withStarttlsNothingIsSaid() {
        assertThat(lines(load(SMTP.formatted("true")))).isEmpty();
    }
}
