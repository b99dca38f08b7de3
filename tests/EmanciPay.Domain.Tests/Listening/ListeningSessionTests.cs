using EmanciPay.Domain.Listening;

namespace EmanciPay.Domain.Tests.Listening;

public sealed class ListeningSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
    private static readonly Guid Station = Guid.NewGuid();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ListeningSession.MaxMinutes + 1)]
    public void A_session_lasts_from_a_minute_to_a_day(int minutes) =>
        Assert.Throws<InvalidOperationException>(() => ListeningSession.Record("listener", Station, Now.AddDays(-2), minutes, Now));

    [Fact]
    public void A_session_cannot_end_in_the_future() =>
        Assert.Throws<InvalidOperationException>(() => ListeningSession.Record("listener", Station, Now.AddMinutes(-30), 31, Now));

    [Fact]
    public void A_month_stays_open_two_days_into_the_next_then_closes_for_new_entries_and_corrections()
    {
        var lastEvening = new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero);
        var session = ListeningSession.Record("listener", Station, lastEvening, 60, new DateTimeOffset(2026, 11, 2, 23, 59, 0, TimeSpan.Zero));

        Assert.True(session.IsOpen(new DateTimeOffset(2026, 11, 2, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(session.IsOpen(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<InvalidOperationException>(() => session.Correct(lastEvening, 30, new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<InvalidOperationException>(() => ListeningSession.Record("listener", Station, lastEvening, 60, new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_correction_keeps_the_session_in_its_month()
    {
        var session = ListeningSession.Record("listener", Station, Now.AddDays(-1), 60, Now);

        session.Correct(Now.AddDays(-1).AddHours(1), 45, Now);
        Assert.Equal(45, session.Minutes);
        Assert.Throws<InvalidOperationException>(() => session.Correct(Now.AddMonths(-1), 45, Now));
    }
}
