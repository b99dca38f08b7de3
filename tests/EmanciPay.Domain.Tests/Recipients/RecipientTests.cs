using EmanciPay.Domain.Recipients;

namespace EmanciPay.Domain.Tests.Recipients;

public sealed class RecipientTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_station_is_addressed_by_its_lower_case_call_sign_and_stored_tidied()
    {
        var station = Recipient.CreateStation(" kexp-fm ", " KEXP ", " 90.3 FM ", " Seattle ", " wa ", " https://kexp.org ", Created);

        Assert.Equal(
            ("kexp-fm", "KEXP", "KEXP-FM", "90.3 FM", "Seattle", "WA", "https://kexp.org", Created),
            (station.Slug, station.Name, station.CallSign, station.Frequency, station.City, station.State, station.Website, station.CreatedAt));
        Assert.Equal(7, station.Id.Version);
    }

    [Fact]
    public void A_station_is_found_by_name_call_sign_city_and_state_in_lower_case()
    {
        var station = Recipient.CreateStation("KEXP-FM", "Kexp Radio", "90.3 FM", "Seattle", "WA", null, Created);

        Assert.Equal("kexp radio kexp-fm seattle wa", station.SearchText);
        Assert.Equal("seattle", Recipient.NormaliseSearch("  SeAttle "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_website_is_no_website(string? website) =>
        Assert.Null(Recipient.CreateStation("WNYC", "WNYC", "93.9 FM", "New York", "NY", website, Created).Website);

    [Fact]
    public void A_new_station_has_not_claimed_its_escrow()
    {
        var station = Recipient.CreateStation("WNYC", "WNYC", "93.9 FM", "New York", "NY", null, Created);

        Assert.False(station.IsClaimed);
        Assert.Null(station.ClaimedAt);
    }

    [Fact]
    public void The_slug_of_a_call_sign_is_trimmed_and_lower_case() =>
        Assert.Equal("wnyc-fm", Recipient.SlugFor("  WNYC-FM "));
}
