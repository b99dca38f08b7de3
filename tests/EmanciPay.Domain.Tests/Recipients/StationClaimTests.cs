using EmanciPay.Domain.Recipients;

namespace EmanciPay.Domain.Tests.Recipients;

public sealed class StationClaimTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static StationClaim Submitted() => StationClaim.Submit(Guid.NewGuid(), "user-1", " gm@wfmu.org ", " 201-555-0100 ", null, At);

    private static StationClaim Confirmed()
    {
        var claim = Submitted();
        claim.IssueEmailLink("hash", At);
        Assert.Equal(EmailLinkOutcome.Confirmed, claim.ConfirmEmail("hash", At.AddHours(1)));
        return claim;
    }

    [Fact]
    public void A_claim_waits_for_its_email_and_keeps_its_evidence_trimmed()
    {
        var claim = Submitted();

        Assert.Equal((StationClaimStatus.AwaitingEmail, "gm@wfmu.org", "201-555-0100", "", true), (claim.Status, claim.Email, claim.Phone, claim.Note, claim.IsOpen));
        Assert.Throws<ArgumentException>(() => StationClaim.Submit(Guid.NewGuid(), "user-1", "gm@wfmu.org", " ", null, At));
    }

    [Fact]
    public void The_link_confirms_once_and_then_the_claim_waits_for_an_admin()
    {
        var claim = Submitted();
        claim.IssueEmailLink("hash", At);

        Assert.Equal(EmailLinkOutcome.Invalid, claim.ConfirmEmail("other", At));
        Assert.Equal(EmailLinkOutcome.Confirmed, claim.ConfirmEmail("hash", At.AddHours(23)));
        Assert.Equal((StationClaimStatus.Pending, At.AddHours(23), null), (claim.Status, claim.EmailConfirmedAt, claim.EmailTokenHash));
        Assert.Equal(EmailLinkOutcome.AlreadyUsed, claim.ConfirmEmail("hash", At.AddHours(23)));
        Assert.Throws<InvalidOperationException>(() => claim.IssueEmailLink("again", At));
    }

    [Fact]
    public void An_expired_or_replaced_link_confirms_nothing()
    {
        var claim = Submitted();
        Assert.Equal(EmailLinkOutcome.Invalid, claim.ConfirmEmail("hash", At));
        claim.IssueEmailLink("first", At);
        claim.IssueEmailLink("second", At.AddHours(1));

        Assert.Equal(EmailLinkOutcome.Invalid, claim.ConfirmEmail("first", At.AddHours(2)));
        Assert.Equal(EmailLinkOutcome.Expired, claim.ConfirmEmail("second", At.AddHours(1) + StationClaim.EmailLinkLifetime + TimeSpan.FromSeconds(1)));
        Assert.Equal(StationClaimStatus.AwaitingEmail, claim.Status);
    }

    [Fact]
    public void Only_a_confirmed_claim_is_approved_and_the_decision_is_kept()
    {
        Assert.Throws<InvalidOperationException>(() => Submitted().Approve("admin-1", At));
        var claim = Confirmed();
        var version = claim.Version;
        claim.Approve("admin-1", At.AddDays(1));

        Assert.Equal((StationClaimStatus.Approved, "admin-1", At.AddDays(1), false), (claim.Status, claim.DecidedBy, claim.DecidedAt, claim.IsOpen));
        Assert.True(claim.Version > version);
        Assert.Throws<InvalidOperationException>(() => claim.Approve("admin-2", At));
        Assert.Throws<InvalidOperationException>(() => claim.Reject("admin-2", "no", At));
    }

    [Fact]
    public void An_open_claim_is_rejected_with_its_reason_and_stays_rejected()
    {
        var unconfirmed = Submitted();
        unconfirmed.Reject("admin-1", $" {new string('x', StationClaim.MaxReasonLength + 5)} ", At);
        var confirmed = Confirmed();
        confirmed.Reject("admin-1", "Nobody at the station knows you.", At);

        Assert.Equal((StationClaimStatus.Rejected, StationClaim.MaxReasonLength), (unconfirmed.Status, unconfirmed.DecisionReason!.Length));
        Assert.Equal("Nobody at the station knows you.", confirmed.DecisionReason);
        Assert.Throws<InvalidOperationException>(() => confirmed.Approve("admin-1", At));
        Assert.Throws<ArgumentException>(() => Confirmed().Reject("admin-1", " ", At));
    }

    [Fact]
    public void A_listener_notice_is_retried_with_backoff_until_sent_or_refused()
    {
        var notice = StationClaimNotice.For(Guid.NewGuid(), "listener@example.test", At);
        Assert.True(notice.IsDue(At));
        notice.FailedForNow("timeout", At);
        Assert.Equal((false, true), (notice.IsDue(At), notice.IsDue(At.AddMinutes(1))));
        notice.FailedForNow("timeout", At);
        Assert.Equal(At.AddMinutes(2), notice.NextAttemptAt);
        notice.Refused("550 no such user", At);
        Assert.False(notice.IsDue(At.AddDays(1)));

        var sent = StationClaimNotice.For(Guid.NewGuid(), "listener@example.test", At);
        sent.Sent(At);
        Assert.False(sent.IsDue(At.AddDays(1)));
    }
}
