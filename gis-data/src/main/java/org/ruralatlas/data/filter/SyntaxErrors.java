package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.ruralatlas.data.filter.text.Cql2Lexer;

/**
 * Stops at the first syntax error with a message for people: what was expected, where
 * ({@code expected ')' or ',' at character 37}), a string left open, a stray character. No
 * recovery: a filter is short, and a guessed repair would only hide what went wrong.
 */
final class SyntaxErrors extends BailErrorStrategy {

    /** More alternatives than this and the message says what was found instead of listing them. */
    private static final int MAX_LISTED = 6;

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        IntervalSet expected =
                e.getExpectedTokens() != null && !e.getExpectedTokens().isNil()
                        ? e.getExpectedTokens()
                        : recognizer.getExpectedTokens();
        throw error(
                recognizer,
                e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken(),
                expected);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens());
    }

    private static BadFilterException error(Parser recognizer, Token found, IntervalSet expected) {
        int position = found.getStartIndex() + 1;
        if (found.getType() == Cql2Lexer.UNCLOSED_STRING) {
            return BadFilterException.syntax("the string opened here is not closed", position);
        }
        if (found.getType() == Cql2Lexer.UNEXPECTED_CHARACTER) {
            return BadFilterException.syntax("unexpected character '" + found.getText() + "'", position);
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            String name = name(recognizer.getVocabulary(), type);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        String foundText = found.getType() == Token.EOF ? "the end of the filter" : "'" + found.getText() + "'";
        if (names.isEmpty() || names.size() > MAX_LISTED) {
            return BadFilterException.syntax("unexpected " + foundText, position);
        }
        String list = names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return BadFilterException.syntax("expected " + list + " but found " + foundText, position);
    }

    /** A token as a person writes it: 'AND', ')', a number, the end of the filter. */
    static String name(Vocabulary vocabulary, int type) {
        return switch (type) {
            case Token.EOF -> "the end of the filter";
            case Cql2Lexer.NUMBER -> "a number";
            case Cql2Lexer.STRING -> "a string";
            case Cql2Lexer.IDENTIFIER, Cql2Lexer.QUOTED_IDENTIFIER -> "a property name";
            default -> {
                String literal = vocabulary.getLiteralName(type);
                yield literal != null ? literal : vocabulary.getDisplayName(type);
            }
        };
    }
}
