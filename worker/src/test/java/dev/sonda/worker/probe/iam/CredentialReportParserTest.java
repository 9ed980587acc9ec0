package dev.sonda.worker.probe.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialReportParserTest {

    private static final Instant GENERATED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void rootRowSpecialValuesParse() {
        String csv = new ReportCsv()
                .root("2019-05-01T08:00:00+00:00", "password_last_used", "2026-11-30T12:00:00+00:00",
                        "mfa_active", "true", "access_key_1_active", "false")
                .csv();

        CredentialReport report = CredentialReportParser.parse(csv, GENERATED);

        CredentialReport.Row root = report.root().orElseThrow();
        assertThat(report.generatedTime()).isEqualTo(GENERATED);
        assertThat(report.users()).isEmpty();
        assertThat(root.passwordEnabled()).isEqualTo(CredentialReport.Flag.NOT_SUPPORTED);
        assertThat(root.passwordLastChanged().kind()).isEqualTo(ReportValue.Kind.NOT_SUPPORTED);
        assertThat(root.passwordLastUsed().time()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(root.mfaActive()).isTrue();
        assertThat(root.accessKeys()).allSatisfy(key -> assertThat(key.exists()).isFalse());
    }

    @Test
    void notApplicableKeyColumnsAreNone() {
        String csv = new ReportCsv().user("alice", "2026-01-01T00:00:00+00:00").csv();

        CredentialReport.Row alice = CredentialReportParser.parse(csv, GENERATED).users().get(0);

        assertThat(alice.accessKeys()).hasSize(2);
        assertThat(alice.accessKeys().get(0).lastRotated()).isEqualTo(ReportValue.NONE);
        assertThat(alice.accessKeys().get(0).lastUsed()).isEqualTo(ReportValue.NONE);
        assertThat(alice.activeKeys()).isEmpty();
        assertThat(alice.hasPassword()).isFalse();
    }

    @Test
    void noInformationPasswordUseIsKept() {
        String csv = new ReportCsv().user("old", "2013-03-01T00:00:00+00:00", "password_enabled", "true",
                "password_last_used", "no_information").csv();

        CredentialReport.Row old = CredentialReportParser.parse(csv, GENERATED).users().get(0);

        assertThat(old.passwordLastUsed()).isEqualTo(ReportValue.NO_INFORMATION);
        assertThat(old.passwordLastUsed().text()).isEqualTo("no_information");
    }

    @Test
    void notSupportedInAnyTimestampColumnParses() {
        // moto writes not_supported into columns where AWS writes N/A.
        String csv = new ReportCsv().user("bob", "2026-01-01T00:00:00+00:00", "password_last_used", "not_supported",
                "access_key_1_last_used_region", "not_supported").csv();

        CredentialReport.Row bob = CredentialReportParser.parse(csv, GENERATED).users().get(0);

        assertThat(bob.passwordLastUsed()).isEqualTo(ReportValue.NOT_SUPPORTED);
    }

    @Test
    void columnsAreReadByName() {
        String csv = "arn,user,mfa_active,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,new_column\n"
                + "arn:aws:iam::123456789012:user/carol,carol,true,2026-02-01T00:00:00+00:00,true,N/A,"
                + "2026-02-01T00:00:00+00:00,true,2026-02-01T00:00:00+00:00,N/A,false,N/A,N/A,x\n";

        CredentialReport.Row carol = CredentialReportParser.parse(csv, GENERATED).users().get(0);

        assertThat(carol.user()).isEqualTo("carol");
        assertThat(carol.mfaActive()).isTrue();
        assertThat(carol.activeKeys()).extracting(CredentialReport.AccessKey::number).containsExactly(1);
    }

    @Test
    void missingColumnRejected() {
        String csv = "user,arn\nalice,arn:aws:iam::123456789012:user/alice\n";

        assertThatThrownBy(() -> CredentialReportParser.parse(csv, GENERATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks the columns")
                .hasMessageContaining("mfa_active");
    }

    @Test
    void invalidTimestampNamesLineAndUser() {
        String csv = new ReportCsv().user("dave", "yesterday").csv();

        assertThatThrownBy(() -> CredentialReportParser.parse(csv, GENERATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 (user dave)")
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void invalidFlagRejected() {
        String csv = new ReportCsv().user("erin", "2026-01-01T00:00:00+00:00", "mfa_active", "maybe").csv();

        assertThatThrownBy(() -> CredentialReportParser.parse(csv, GENERATED))
                .hasMessageContaining("'maybe' in column mfa_active");
    }

    @Test
    void emptyReportHasNoRows() {
        String csv = String.join(",", ReportCsv.COLUMNS) + "\n";

        assertThat(CredentialReportParser.parse(csv, GENERATED).rows()).isEmpty();
    }
}
