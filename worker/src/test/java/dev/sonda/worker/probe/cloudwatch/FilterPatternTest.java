package dev.sonda.worker.probe.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.worker.probe.cloudwatch.FilterPattern.Comparison;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPatternTest {

    private static Comparison equal(String selector, String value) {
        return new Comparison(selector, "=", value);
    }

    @Test
    void singleComparisonParses() {
        FilterPattern pattern = FilterPattern.of("{ $.eventName = \"ConsoleLogin\" }");

        assertThat(pattern.terms()).containsExactly(Set.of(equal("$.eventName", "ConsoleLogin")));
    }

    @Test
    void quotesAndWhitespaceDoNotMatter() {
        FilterPattern spaced = FilterPattern.of("{ ( $.eventName = \"ConsoleLogin\" ) }");
        FilterPattern compact = FilterPattern.of("{$.eventName=ConsoleLogin}");

        assertThat(compact.terms()).isEqualTo(spaced.terms());
    }

    @Test
    void conjunctionFormsOneTerm() {
        FilterPattern pattern = FilterPattern.of(
                "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }");

        assertThat(pattern.terms()).containsExactly(Set.of(
                equal("$.userIdentity.type", "Root"),
                new Comparison("$.userIdentity.invokedBy", "NOT EXISTS", null),
                new Comparison("$.eventType", "!=", "AwsServiceEvent")));
    }

    @Test
    void andDistributesOverOr() {
        FilterPattern pattern = FilterPattern.of("{ ($.a = 1 || $.b = 2) && $.c = 3 }");

        assertThat(pattern.terms()).containsExactlyInAnyOrder(
                Set.of(equal("$.a", "1"), equal("$.c", "3")),
                Set.of(equal("$.b", "2"), equal("$.c", "3")));
    }

    @Test
    void andBindsTighterThanOr() {
        FilterPattern pattern = FilterPattern.of("{ $.a = 1 || $.b = 2 && $.c = 3 }");

        assertThat(pattern.terms()).containsExactlyInAnyOrder(
                Set.of(equal("$.a", "1")),
                Set.of(equal("$.b", "2"), equal("$.c", "3")));
    }

    @Test
    void keywordOperatorsAreCaseInsensitive() {
        FilterPattern pattern = FilterPattern.of("{ $.a not exists && $.b is null && $.c IS TRUE && $.d Is False }");

        assertThat(pattern.terms().getFirst()).containsExactlyInAnyOrder(
                new Comparison("$.a", "NOT EXISTS", null),
                new Comparison("$.b", "IS NULL", null),
                new Comparison("$.c", "IS TRUE", null),
                new Comparison("$.d", "IS FALSE", null));
    }

    @Test
    void numericOperatorsParse() {
        FilterPattern pattern = FilterPattern.of("{ $.bytes >= 1000 && $.count<5 && $.x <= 2 && $.y > 0 }");

        assertThat(pattern.terms().getFirst()).containsExactlyInAnyOrder(
                new Comparison("$.bytes", ">=", "1000"),
                new Comparison("$.count", "<", "5"),
                new Comparison("$.x", "<=", "2"),
                new Comparison("$.y", ">", "0"));
    }

    @Test
    void escapedQuoteStaysInValue() {
        FilterPattern pattern = FilterPattern.of("{ $.message = \"say \\\"hi\\\"\" }");

        assertThat(pattern.terms().getFirst()).containsExactly(equal("$.message", "say \"hi\""));
    }

    static Stream<Arguments> invalidPatterns() {
        return Stream.of(
                Arguments.of("ConsoleLogin", "it is not a JSON filter pattern in braces"),
                Arguments.of("[ip, user, ...]", "it is not a JSON filter pattern in braces"),
                Arguments.of("{ $.eventName = ConsoleLogin | $.x = 1 }",
                        "a single '|' at position 29 is not an operator; use '||'"),
                Arguments.of("{ $.eventName = \"ConsoleLogin }", "the quoted value at position 16 is not closed"),
                Arguments.of("{ ($.eventName = ConsoleLogin }", "expected ')', found '}'"),
                Arguments.of("{ $.eventName = ConsoleLogin } extra", "text follows the closing '}'"),
                Arguments.of("{ eventName = ConsoleLogin }",
                        "expected a field selector such as $.eventName, found 'eventName'"),
                Arguments.of("{ $.eventName ConsoleLogin }",
                        "expected an operator after $.eventName, found 'ConsoleLogin'"),
                Arguments.of("{ $.eventName = }", "expected a value after $.eventName =, found '}'"),
                Arguments.of("{ $.eventName = ConsoleLogin", "expected '}', found the end"),
                Arguments.of("{ $.eventName ! ConsoleLogin }", "'!' at position 14 is not followed by '='"));
    }

    @ParameterizedTest
    @MethodSource("invalidPatterns")
    void invalidPatternsAreRejectedWithReason(String text, String reason) {
        FilterPattern.Parsed parsed = FilterPattern.parse(text);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.invalidReason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyPatternIsRejected(String text) {
        assertThat(FilterPattern.parse(text).invalidReason())
                .isEqualTo("the filter pattern is empty and matches every event");
    }

    @Test
    void nullPatternIsRejected() {
        assertThat(FilterPattern.parse(null).valid()).isFalse();
    }

    @Test
    void ofRejectsInvalidPattern() {
        assertThatThrownBy(() -> FilterPattern.of("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid filter pattern nope: it is not a JSON filter pattern in braces");
    }

    @Test
    void hugeNormalFormIsRejected() {
        StringBuilder text = new StringBuilder("{ ");
        for (int i = 0; i < 13; i++) {
            text.append(i == 0 ? "" : " && ").append("($.a").append(i).append(" = 1 || $.b").append(i).append(" = 2)");
        }
        text.append(" }");

        assertThat(FilterPattern.parse(text.toString()).invalidReason())
                .isEqualTo("the pattern expands to more than 4096 alternative clause sets");
    }

    @Test
    void samePatternCoversItself() {
        FilterPattern pattern = FilterPattern.of("{ ($.a = 1 || $.b = 2) && $.c = 3 }");

        assertThat(pattern.covers(pattern)).isTrue();
    }

    @Test
    void reorderedPatternCovers() {
        FilterPattern reference = FilterPattern.of("{ ($.a = 1 || $.b = 2) && $.c = 3 }");
        FilterPattern reordered = FilterPattern.of("{ $.c = 3 && ($.b = 2 || $.a = 1) }");

        assertThat(reordered.covers(reference)).isTrue();
        assertThat(reference.covers(reordered)).isTrue();
    }

    @Test
    void droppedConditionCoversButNotConversely() {
        FilterPattern reference = FilterPattern.of("{ $.source = s3 && ($.name = A || $.name = B) }");
        FilterPattern broader = FilterPattern.of("{ $.name = A || $.name = B }");

        assertThat(broader.covers(reference)).isTrue();
        assertThat(reference.covers(broader)).isFalse();
    }

    @Test
    void extraAlternativeCovers() {
        FilterPattern reference = FilterPattern.of("{ $.name = A || $.name = B }");
        FilterPattern more = FilterPattern.of("{ $.name = A || $.name = B || $.name = C }");

        assertThat(more.covers(reference)).isTrue();
    }

    @Test
    void missingAlternativeDoesNotCover() {
        FilterPattern reference = FilterPattern.of("{ $.name = A || $.name = B }");
        FilterPattern fewer = FilterPattern.of("{ $.name = A }");

        assertThat(fewer.covers(reference)).isFalse();
    }

    @Test
    void changedValueOrOperatorDoesNotCover() {
        FilterPattern reference = FilterPattern.of("{ $.type = Root && $.by NOT EXISTS }");

        assertThat(FilterPattern.of("{ $.type = root && $.by NOT EXISTS }").covers(reference)).isFalse();
        assertThat(FilterPattern.of("{ $.type != Root && $.by NOT EXISTS }").covers(reference)).isFalse();
        assertThat(FilterPattern.of("{ $.Type = Root && $.by NOT EXISTS }").covers(reference)).isFalse();
        assertThat(FilterPattern.of("{ $.type = Root && $.by IS NULL }").covers(reference)).isFalse();
    }

    @Test
    void orInsteadOfAndCovers() {
        FilterPattern reference = FilterPattern.of("{ $.a = 1 && $.b = 2 }");
        FilterPattern either = FilterPattern.of("{ $.a = 1 || $.b = 2 }");

        assertThat(either.covers(reference)).isTrue();
        assertThat(reference.covers(either)).isFalse();
    }

    @Test
    void optionalConditionMayBeDropped() {
        FilterPattern reference = FilterPattern.of("{ $.code = Denied && $.name != HeadBucket }");
        Set<Comparison> optional = Set.of(new Comparison("$.name", "!=", "HeadBucket"));

        assertThat(FilterPattern.of("{ $.code = Denied }").covers(reference, optional)).isTrue();
        assertThat(reference.covers(reference, optional)).isTrue();
    }

    @Test
    void requiredConditionMayNotBeDropped() {
        FilterPattern reference = FilterPattern.of("{ $.code = Denied && $.name != HeadBucket }");
        Set<Comparison> optional = Set.of(new Comparison("$.name", "!=", "HeadBucket"));
        FilterPattern exclusionOnly = FilterPattern.of("{ $.name != HeadBucket }");

        assertThat(exclusionOnly.covers(reference)).isTrue();
        assertThat(exclusionOnly.covers(reference, optional)).isFalse();
    }

    @Test
    void requiredConditionsApplyPerTerm() {
        FilterPattern reference = FilterPattern.of("{ $.source = ec2 && ($.name = A || $.name = B) }");
        Set<Comparison> optional = Set.of(new Comparison("$.source", "=", "ec2"));

        assertThat(FilterPattern.of("{ $.name = B || $.name = A }").covers(reference, optional)).isTrue();
        assertThat(FilterPattern.of("{ $.name = A || $.name = B || $.name = C }").covers(reference, optional))
                .isTrue();
        assertThat(FilterPattern.of("{ $.source = ec2 }").covers(reference, optional)).isFalse();
        assertThat(FilterPattern.of("{ $.name = A }").covers(reference, optional)).isFalse();
    }

    @Test
    void addedConditionDoesNotCoverEvenWithOptionals() {
        FilterPattern reference = FilterPattern.of("{ $.code = Denied && $.name != HeadBucket }");
        Set<Comparison> optional = Set.of(new Comparison("$.name", "!=", "HeadBucket"));

        assertThat(FilterPattern.of("{ $.code = Denied && $.user = admin }").covers(reference, optional)).isFalse();
    }

    @Test
    void termsAreRenderedReadably() {
        assertThat(FilterPattern.of("{ $.a = 1 || $.b NOT EXISTS }").toString())
                .isEqualTo("($.a = \"1\") || ($.b NOT EXISTS)");
        assertThat(List.of(FilterPattern.of("{ $.a = x }").terms().getFirst().iterator().next().toString()))
                .containsExactly("$.a = \"x\"");
    }
}
