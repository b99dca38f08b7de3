using EmanciPay.Domain.Recipients;

namespace EmanciPay.Domain.Tests.Recipients;

public sealed class StationLifecycleTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Recipient Imported() => Recipient.CreateStation("WFMU", "WFMU", "91.1 FM", "Jersey City", "NJ", "https://wfmu.org", At);

    [Fact]
    public void An_imported_station_is_listed_and_takes_pledges_and_a_proposed_one_waits_for_an_admin()
    {
        var proposed = Recipient.ProposeStation("KZZZ", "Nowhere Radio", "88.1 FM", "Nowhere", "ks", "https://kzzz.example", "user-1", At);

        Assert.Equal((true, true, null), (Imported().IsListed, Imported().AcceptsPledges, Imported().ProposedBy));
        Assert.Equal((false, false, "user-1", "KS"), (proposed.IsListed, proposed.AcceptsPledges, proposed.ProposedBy, proposed.State));
        proposed.List(At.AddDays(1));
        proposed.List(At.AddDays(2));
        Assert.Equal((true, At.AddDays(1)), (proposed.AcceptsPledges, proposed.ListedAt));
    }

    [Fact]
    public void Claiming_keeps_the_first_date_and_a_claimed_station_cannot_decline()
    {
        var station = Imported();
        station.MarkClaimed(At);
        station.MarkClaimed(At.AddDays(1));

        Assert.Equal(At, station.ClaimedAt);
        Assert.Throws<InvalidOperationException>(() => station.Decline("no thanks", At));
    }

    [Fact]
    public void A_declined_station_refuses_pledges_shows_its_reason_and_cannot_be_claimed()
    {
        var station = Imported();
        station.Decline($"  {new string('x', Recipient.MaxDeclineReasonLength + 10)}  ", At);

        Assert.Equal((false, Recipient.MaxDeclineReasonLength), (station.AcceptsPledges, station.DeclineReason!.Length));
        Assert.Throws<InvalidOperationException>(() => station.MarkClaimed(At));
        Assert.Throws<ArgumentException>(() => Imported().Decline(" ", At));
    }
}
