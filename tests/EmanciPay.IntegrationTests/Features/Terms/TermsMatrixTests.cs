using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Features.Terms;

/// <summary>
/// For every combination of the listener's display and contact terms, every place a station sees its supporters (its
/// portal pages, its API, its CSV export, mail sent to anyone but the listener) is searched, whole, for each detail:
/// what the terms withhold never appears, and what they allow does. Details are distinctive strings found nowhere else.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TermsMatrixTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string ListenerEmail = "zq.marlowe.7731@example.test";
    private const string Name = "Zelda Quintessa-Marlowe";
    private const string Postal = "42 Pennywhistle Lane, Xylocity";
    private const string NamedNote = "Quokka-morning-note-913";
    private const string AnonymousNote = "Secret-anon-note-555";

    private readonly PledgeKit kit = new(fixture);

    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var display in new[] { "show-name", "anonymous" })
        {
            foreach (var contact in new[] { "email-or-post", "email-only", "none" })
            {
                data.Add(display, contact);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task A_station_never_receives_a_detail_the_terms_withhold_anywhere_it_sees_supporters(string display, string contact)
    {
        var (listener, manager) = await GivenAListenerWhoGaveNamedAndAnonymouslyAsync();
        var mailBefore = App.Factory.Mail.Messages().Count;

        var put = await PutAsync(listener, "/api/v1/me/terms", new { display, contact, noSharing = true, noGifts = true, noAsksThisYear = false });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var seen = await EverythingTheStationSeesAsync(manager);
        Assert.Equal(2, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/supporters")).GetArrayLength());
        var allowed = Allowed(display, contact);
        foreach (var (detail, value) in Details)
        {
            foreach (var (place, text) in seen)
            {
                if (allowed.Contains(detail) && place.StartsWith("api supporters", StringComparison.Ordinal))
                {
                    Assert.True(text.Contains(value, StringComparison.Ordinal), $"{display}/{contact}: {place} lacks the {detail} the terms allow.");
                }
                else if (!allowed.Contains(detail))
                {
                    Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{display}/{contact}: {place} shows the withheld {detail}.");
                }
            }
        }

        foreach (var (place, text) in seen)
        {
            Assert.DoesNotContain(AnonymousNote, text, StringComparison.Ordinal);
        }

        // Mail: whatever was sent meanwhile to anyone but the listener (the station's managers included) holds nothing withheld.
        var mail = App.Factory.Mail.Messages().Skip(mailBefore).Where(m => !m.To.ToString().Contains(ListenerEmail, StringComparison.OrdinalIgnoreCase));
        foreach (var message in mail)
        {
            var body = $"{message.Subject}\n{message.HtmlBody}\n{message.TextBody}";
            Assert.All(Details.Where(d => !allowed.Contains(d.Detail)), d => Assert.DoesNotContain(d.Value, body, StringComparison.OrdinalIgnoreCase));
        }

        // What the listener is told each station sees is what it saw.
        var mine = await listener.GetFromJsonAsync<JsonElement>("/api/v1/me/details");
        var kexp = Assert.Single(mine.GetProperty("stations").EnumerateArray());
        Assert.Equal(allowed.Order(), kexp.GetProperty("sees").EnumerateArray().Select(s => s.GetString()!).Order());
    }

    [Fact]
    public async Task A_change_of_terms_or_details_is_what_the_station_reads_next()
    {
        var (listener, manager) = await GivenAListenerWhoGaveNamedAndAnonymouslyAsync();
        await PutAsync(listener, "/api/v1/me/terms", new { display = "show-name", contact = "email-only" });
        Assert.Contains(Name, await manager.GetStringAsync("/api/v1/stations/kexp-fm/supporters"), StringComparison.Ordinal);

        await PutAsync(listener, "/api/v1/me/details", new { name = "Yorick Thistlewood-Abernathy", postalAddress = Postal });
        var renamed = await manager.GetStringAsync("/api/v1/stations/kexp-fm/supporters");
        Assert.Contains("Yorick Thistlewood-Abernathy", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, renamed, StringComparison.Ordinal);

        await PutAsync(listener, "/api/v1/me/terms", new { display = "anonymous", contact = "email-only" });
        var statement = await manager.GetStringAsync("/api/v1/stations/kexp-fm/statement");
        var supporters = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/supporters");
        Assert.DoesNotContain("Yorick", statement, StringComparison.Ordinal);
        Assert.DoesNotContain(ListenerEmail, statement, StringComparison.Ordinal);
        Assert.All(supporters.EnumerateArray(), s => Assert.True(s.GetProperty("anonymous").GetBoolean()));
        Assert.All(supporters.EnumerateArray(), s => Assert.True(s.GetProperty("noSharing").GetBoolean()));
    }

    [Fact]
    public async Task A_pledge_given_anonymously_stays_anonymous_whatever_the_terms()
    {
        var (listener, manager) = await GivenAListenerWhoGaveNamedAndAnonymouslyAsync();
        await PutAsync(listener, "/api/v1/me/terms", new { display = "show-name", contact = "email-or-post" });

        var supporters = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/supporters")).EnumerateArray().ToList();

        Assert.Equal(2, supporters.Count);
        var anonymous = Assert.Single(supporters, s => s.GetProperty("anonymous").GetBoolean());
        Assert.Equal(2000, anonymous.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("email").ValueKind);
        var named = Assert.Single(supporters, s => !s.GetProperty("anonymous").GetBoolean());
        Assert.Equal((Name, ListenerEmail, Postal, NamedNote), (named.GetProperty("name").GetString(), named.GetProperty("email").GetString(), named.GetProperty("postalAddress").GetString(), named.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Terms_outside_the_roster_and_details_too_long_are_refused_naming_the_field()
    {
        var listener = await Accounts.SignedInClientAsync(App, ListenerEmail, Roles.Listener);

        var display = await PutAsync(listener, "/api/v1/me/terms", new { display = "famous", contact = "email-only" });
        var contact = await PutAsync(listener, "/api/v1/me/terms", new { display = "anonymous", contact = (string?)null });
        var name = await PutAsync(listener, "/api/v1/me/details", new { name = new string('n', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, display.StatusCode);
        Assert.Contains("display", await display.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, contact.StatusCode);
        Assert.Contains("contact", await contact.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        var terms = await listener.GetFromJsonAsync<JsonElement>("/api/v1/me/terms");
        Assert.Equal(JsonValueKind.Null, terms.GetProperty("changedAt").ValueKind);
        Assert.Equal("show-name", terms.GetProperty("display").GetString());
    }

    private static readonly (string Detail, string Value)[] Details = [("name", Name), ("email", ListenerEmail), ("postal-address", Postal), ("message", NamedNote)];

    private static HashSet<string> Allowed(string display, string contact) => display == "anonymous"
        ? []
        : contact switch
        {
            "email-or-post" => ["name", "email", "postal-address", "message"],
            "email-only" => ["name", "email", "message"],
            _ => ["name", "message"],
        };

    /// <summary>A signed-in listener with distinctive details who paid a named pledge and an anonymous one to kexp-fm, and the station's manager.</summary>
    private async Task<(HttpClient Listener, HttpClient Manager)> GivenAListenerWhoGaveNamedAndAnonymouslyAsync()
    {
        await kit.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        var listener = await Accounts.SignedInClientAsync(App, ListenerEmail, Roles.Listener);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(listener, "/api/v1/me/details", new { name = Name, postalAddress = Postal })).StatusCode);
        var named = await PledgeKit.PostAsync(listener, new { station = "kexp-fm", amount = 1000, currency = "usd", frequency = "one_time", email = ListenerEmail, message = NamedNote, anonymous = false, coverFee = false }, "named");
        Assert.NotNull(await kit.PayAsync(named));
        await kit.WebhooksDeliveredAsync();
        var anonymous = await PledgeKit.PostAsync(listener, new { station = "kexp-fm", amount = 2000, currency = "usd", frequency = "one_time", email = ListenerEmail, message = AnonymousNote, anonymous = true, coverFee = false }, "anonymous");
        Assert.NotNull(await kit.PayAsync(anonymous));
        await kit.WebhooksDeliveredAsync();
        return (listener, manager);
    }

    private static async Task<List<(string Place, string Text)>> EverythingTheStationSeesAsync(HttpClient manager)
    {
        var places = new List<(string, string)>();
        foreach (var url in new[]
        {
            "/api/v1/stations/kexp-fm/supporters", "/api/v1/stations/kexp-fm/statement", "/api/v1/stations/kexp-fm/portal",
            "/api/v1/stations/kexp-fm/supporters.csv", "/manage/kexp-fm", "/manage/kexp-fm/statement", "/manage/kexp-fm/supporters",
        })
        {
            var response = await manager.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            places.Add((url.StartsWith("/api/v1/stations/kexp-fm/supporters", StringComparison.Ordinal) ? $"api supporters {url}" : url, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())));
        }

        return places;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body = null) => ClaimKit.PostAsync(client, url, body);
}
