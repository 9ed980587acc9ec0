package dev.sonda.worker.probe.cloudwatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CloudWatch Logs JSON filter pattern such as {@code { ($.eventName = "ConsoleLogin") && ($.errorMessage =
 * "Failed authentication") }}, parsed and reduced to disjunctive normal form: a list of terms, each a set of
 * comparisons that must all hold.
 *
 * <p>Comparisons are kept as opaque (selector, operator, value) triples. Quotes around a value, whitespace,
 * parentheses that do not change the grouping, and the order of clauses do not matter. The text of selectors and
 * values does matter, because CloudWatch Logs compares both case-sensitively. {@code &&} binds tighter than {@code ||},
 * as in most languages. NOTE: the CloudWatch Logs documentation does not state a precedence for mixed {@code &&}
 * and {@code ||} without parentheses.
 *
 * <p>Only JSON patterns (in braces) are parsed. Term and space-delimited patterns, and patterns whose normal form
 * would exceed {@value #MAX_TERMS} terms, are rejected with a reason.
 */
final class FilterPattern {

    /** The maximum number of terms of a normal form; CIS patterns have at most 18. */
    static final int MAX_TERMS = 4096;

    /**
     * One comparison of a JSON field.
     *
     * @param selector the field selector as written, e.g. {@code $.userIdentity.type}
     * @param operator {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code NOT EXISTS},
     *     {@code IS NULL}, {@code IS TRUE} or {@code IS FALSE}
     * @param value the compared value without quotes, or {@code null} for operators that take none
     */
    record Comparison(String selector, String operator, String value) {

        @Override
        public String toString() {
            return value == null ? selector + " " + operator : selector + " " + operator + " \"" + value + "\"";
        }
    }

    private final List<Set<Comparison>> terms;

    private FilterPattern(List<Set<Comparison>> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The outcome of parsing: a pattern, or why the text is not a JSON filter pattern this class reads. */
    record Parsed(FilterPattern pattern, String invalidReason) {

        boolean valid() {
            return pattern != null;
        }
    }

    /** Parses a filter pattern, returning the reason instead of throwing when the text is invalid. */
    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(null, "the filter pattern is empty and matches every event");
        }
        try {
            Parser parser = new Parser(new Lexer(text).tokens());
            return new Parsed(new FilterPattern(parser.pattern()), null);
        } catch (InvalidPatternException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /**
     * Parses a pattern that is known to be valid, such as a reference pattern in code.
     *
     * @throws IllegalArgumentException when it is not
     */
    static FilterPattern of(String text) {
        Parsed parsed = parse(text);
        if (!parsed.valid()) {
            throw new IllegalArgumentException("Invalid filter pattern " + text + ": " + parsed.invalidReason());
        }
        return parsed.pattern();
    }

    /** Returns the terms of the disjunctive normal form; an event matches when it satisfies every comparison of one term. */
    List<Set<Comparison>> terms() {
        return terms;
    }

    /**
     * Returns whether this pattern matches at least every event {@code reference} matches, judged clause by clause:
     * each term of the reference must contain all comparisons of some term of this pattern. A term with fewer
     * conditions matches more events, so a filter may drop any condition or add more alternatives, but not change a
     * value. A comparison this class cannot relate to another (a wider wildcard, a regular expression) counts as
     * different, so the result may be a false "no" but never a false "yes".
     *
     * <p>This relation alone accepts a filter that keeps a single exclusion of the reference, such as
     * {@code { $.eventName != "HeadBucket" }}. Use {@link #covers(FilterPattern, Set)} to decide whether a filter
     * catches an activity.
     */
    boolean covers(FilterPattern reference) {
        Set<Comparison> all = new LinkedHashSet<>();
        reference.terms.forEach(all::addAll);
        return covers(reference, all);
    }

    /**
     * Returns whether this pattern catches the activity that {@code reference} describes: each term of the reference
     * needs a term of this pattern that keeps every comparison of the reference term except those in
     * {@code optional}, and adds no comparison of its own. So a filter may add alternatives and drop optional
     * conditions, such as exclusions of noisy events, but it cannot drop a condition that defines the activity
     * (an error code, an event name) or change a value. As with {@link #covers(FilterPattern)}, a comparison this
     * class cannot relate to another counts as different, so the result may be a false "no" but never a false "yes".
     *
     * @param optional the comparisons of the reference that a filter may leave out
     */
    boolean covers(FilterPattern reference, Set<Comparison> optional) {
        for (Set<Comparison> referenceTerm : reference.terms) {
            Set<Comparison> required = new LinkedHashSet<>(referenceTerm);
            required.removeAll(optional);
            boolean covered = terms.stream().anyMatch(term -> !term.isEmpty() && referenceTerm.containsAll(term)
                    && term.containsAll(required));
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        List<String> rendered = new ArrayList<>();
        for (Set<Comparison> term : terms) {
            rendered.add("(" + String.join(" && ", term.stream().map(Comparison::toString).toList()) + ")");
        }
        return String.join(" || ", rendered);
    }

    /** A pattern that cannot be read, with the reason as its message for a finding's evidence. */
    private static final class InvalidPatternException extends Exception {
        InvalidPatternException(String message) {
            super(message, null, false, false);
        }
    }

    private enum TokenType { OPEN_BRACE, CLOSE_BRACE, OPEN_PAREN, CLOSE_PAREN, AND, OR, OPERATOR, SELECTOR, QUOTED, WORD }

    private record Token(TokenType type, String text) {
    }

    /** Splits a pattern into tokens. */
    private static final class Lexer {
        private final String text;
        private int position;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() throws InvalidPatternException {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (position >= text.length()) {
                    return tokens;
                }
                char c = text.charAt(position);
                switch (c) {
                    case '{' -> tokens.add(single(TokenType.OPEN_BRACE));
                    case '}' -> tokens.add(single(TokenType.CLOSE_BRACE));
                    case '(' -> tokens.add(single(TokenType.OPEN_PAREN));
                    case ')' -> tokens.add(single(TokenType.CLOSE_PAREN));
                    case '&' -> tokens.add(pair('&', TokenType.AND));
                    case '|' -> tokens.add(pair('|', TokenType.OR));
                    case '=', '!', '<', '>' -> tokens.add(operator());
                    case '"' -> tokens.add(quoted());
                    case '$' -> tokens.add(word(TokenType.SELECTOR));
                    default -> tokens.add(word(TokenType.WORD));
                }
            }
        }

        private void skipWhitespace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private Token single(TokenType type) {
            return new Token(type, String.valueOf(text.charAt(position++)));
        }

        private Token pair(char c, TokenType type) throws InvalidPatternException {
            if (position + 1 >= text.length() || text.charAt(position + 1) != c) {
                throw new InvalidPatternException("a single '" + c + "' at position " + position
                        + " is not an operator; use '" + c + c + "'");
            }
            position += 2;
            return new Token(type, "" + c + c);
        }

        private Token operator() throws InvalidPatternException {
            char c = text.charAt(position);
            boolean followedByEquals = position + 1 < text.length() && text.charAt(position + 1) == '=';
            if (c == '!' && !followedByEquals) {
                throw new InvalidPatternException("'!' at position " + position + " is not followed by '='");
            }
            String operator = followedByEquals && c != '=' ? c + "=" : String.valueOf(c);
            position += operator.length();
            return new Token(TokenType.OPERATOR, operator);
        }

        private Token quoted() throws InvalidPatternException {
            int start = position;
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    value.append(text.charAt(position++));
                } else if (c == '"') {
                    return new Token(TokenType.QUOTED, value.toString());
                } else {
                    value.append(c);
                }
            }
            throw new InvalidPatternException("the quoted value at position " + start + " is not closed");
        }

        /** Reads a selector, keyword or unquoted value: everything up to whitespace, a bracket, brace, operator or logical operator. */
        private Token word(TokenType type) {
            int start = position;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isWhitespace(c) || "(){}&|=!<>\"".indexOf(c) >= 0) {
                    break;
                }
                position++;
            }
            return new Token(type, text.substring(start, position));
        }
    }

    /** Recursive-descent parser that builds the normal form directly. */
    private static final class Parser {
        private final List<Token> tokens;
        private int position;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        List<Set<Comparison>> pattern() throws InvalidPatternException {
            if (tokens.isEmpty() || tokens.getFirst().type() != TokenType.OPEN_BRACE) {
                throw new InvalidPatternException("it is not a JSON filter pattern in braces");
            }
            position++;
            List<Set<Comparison>> result = or();
            expect(TokenType.CLOSE_BRACE, "'}'");
            if (position != tokens.size()) {
                throw new InvalidPatternException("text follows the closing '}'");
            }
            return result;
        }

        private List<Set<Comparison>> or() throws InvalidPatternException {
            List<Set<Comparison>> result = new ArrayList<>(and());
            while (accept(TokenType.OR)) {
                result.addAll(and());
                checkSize(result.size());
            }
            return result;
        }

        private List<Set<Comparison>> and() throws InvalidPatternException {
            List<Set<Comparison>> result = unary();
            while (accept(TokenType.AND)) {
                List<Set<Comparison>> right = unary();
                checkSize((long) result.size() * right.size());
                List<Set<Comparison>> product = new ArrayList<>(result.size() * right.size());
                for (Set<Comparison> left : result) {
                    for (Set<Comparison> other : right) {
                        Set<Comparison> combined = new LinkedHashSet<>(left);
                        combined.addAll(other);
                        product.add(combined);
                    }
                }
                result = product;
            }
            return result;
        }

        private List<Set<Comparison>> unary() throws InvalidPatternException {
            if (accept(TokenType.OPEN_PAREN)) {
                List<Set<Comparison>> inner = or();
                expect(TokenType.CLOSE_PAREN, "')'");
                return inner;
            }
            return List.of(Set.of(comparison()));
        }

        private Comparison comparison() throws InvalidPatternException {
            Token selector = next("a field selector such as $.eventName");
            if (selector.type() != TokenType.SELECTOR || selector.text().length() < 2) {
                throw new InvalidPatternException("expected a field selector such as $.eventName, found '"
                        + selector.text() + "'");
            }
            Token operator = next("an operator after " + selector.text());
            if (operator.type() == TokenType.OPERATOR) {
                Token value = next("a value after " + selector.text() + " " + operator.text());
                if (value.type() != TokenType.QUOTED && value.type() != TokenType.WORD) {
                    throw new InvalidPatternException("expected a value after " + selector.text() + " "
                            + operator.text() + ", found '" + value.text() + "'");
                }
                return new Comparison(selector.text(), operator.text(), value.text());
            }
            if (operator.type() == TokenType.WORD) {
                String keyword = operator.text().toUpperCase(Locale.ROOT);
                Token second = next("a keyword after " + selector.text() + " " + operator.text());
                String secondKeyword = second.text().toUpperCase(Locale.ROOT);
                if (keyword.equals("NOT") && secondKeyword.equals("EXISTS")) {
                    return new Comparison(selector.text(), "NOT EXISTS", null);
                }
                if (keyword.equals("IS") && Set.of("NULL", "TRUE", "FALSE").contains(secondKeyword)) {
                    return new Comparison(selector.text(), "IS " + secondKeyword, null);
                }
            }
            throw new InvalidPatternException("expected an operator after " + selector.text() + ", found '"
                    + operator.text() + "'");
        }

        private boolean accept(TokenType type) {
            if (position < tokens.size() && tokens.get(position).type() == type) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(TokenType type, String description) throws InvalidPatternException {
            if (!accept(type)) {
                String found = position < tokens.size() ? "'" + tokens.get(position).text() + "'" : "the end";
                throw new InvalidPatternException("expected " + description + ", found " + found);
            }
        }

        private Token next(String description) throws InvalidPatternException {
            if (position >= tokens.size()) {
                throw new InvalidPatternException("expected " + description + ", found the end");
            }
            return tokens.get(position++);
        }

        private static void checkSize(long terms) throws InvalidPatternException {
            if (terms > MAX_TERMS) {
                throw new InvalidPatternException("the pattern expands to more than " + MAX_TERMS
                        + " alternative clause sets");
            }
        }
    }
}
