package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code account}'s usage: every mistake is exit 2 with the usage, before any store is opened. */
class AccountCommandTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "account",
                "account ad --admin root",
                "account add",
                "account add --admin",
                "account add --boss root",
                "account add --admin root --editor ed --provinces 24",
                "account add --editor ed",
                "account add --editor ed --provinces 2x",
                "account add --admin root --provinces 24",
                "account add --admin bad/name",
                "account add --admin root extra",
                "account add --admin root --ruralatlas.db.url"
            })
    void mistakesExitTwoWithTheUsage(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.run(
                line.split(" "),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(line).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no token printed").isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("account: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account --help", "account add --help", "help"})
    void helpIsTheUsage(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(CommandLine.run(line.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("account add --admin NAME");
    }
}
