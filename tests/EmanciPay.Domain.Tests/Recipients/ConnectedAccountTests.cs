using EmanciPay.Domain.Recipients;

namespace EmanciPay.Domain.Tests.Recipients;

public sealed class ConnectedAccountTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_account_cannot_pay_out_until_stripe_says_so()
    {
        var account = ConnectedAccount.Open(Guid.NewGuid(), "acct_1", At);

        Assert.Equal((false, 0), (account.PayoutsEnabled, account.CurrentlyDueFields.Count));
        Assert.True(account.Report(true, true, [], null, At.AddMinutes(1)));
        Assert.True(account.PayoutsEnabled);
    }

    [Fact]
    public void An_older_report_arriving_late_changes_nothing()
    {
        var account = ConnectedAccount.Open(Guid.NewGuid(), "acct_1", At);
        account.Report(false, true, ["external_account", "external_account", " "], "requirements.past_due", At.AddMinutes(5));

        Assert.False(account.Report(true, true, [], null, At.AddMinutes(4)));
        Assert.Equal((false, "requirements.past_due"), (account.PayoutsEnabled, account.DisabledReason));
        Assert.Equal(["external_account"], account.CurrentlyDueFields);
    }

    [Fact]
    public void Requirements_are_kept_as_whole_field_names_within_the_column()
    {
        var account = ConnectedAccount.Open(Guid.NewGuid(), "acct_1", At);
        var fields = Enumerable.Range(0, 500).Select(i => $"individual.field_{i}").ToList();

        account.Report(false, false, fields, "requirements.pending_verification", At);

        Assert.InRange(account.CurrentlyDue.Length, 1, ConnectedAccount.MaxDueLength);
        Assert.All(account.CurrentlyDueFields, f => Assert.Contains(f, fields));
    }
}
