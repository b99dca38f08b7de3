using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Listening;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Features.Listening;

/// <summary>The listener's own listening log: written by their tools with a bearer token, theirs alone to read, correct, delete and export until the month closes.</summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class ListeningLogTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    private DateTimeOffset Yesterday => new(fixture.Time.GetUtcNow().UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);

    [Fact]
    public async Task A_listener_logs_with_a_bearer_token_then_sees_corrects_deletes_and_exports_the_log_which_no_one_else_can_touch()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        var me = await BearerClientAsync("me@example.test");
        var other = await BearerClientAsync("other@example.test");

        var morning = await LogAsync(me, "kexp-fm", Yesterday.AddHours(7), 90);
        var evening = await LogAsync(me, "wnyc-fm", Yesterday.AddHours(19), 30);
        var month = Yesterday.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var log = await me.GetFromJsonAsync<JsonElement>($"/api/v1/me/listening?month={month}");
        Assert.Equal(2, log.GetProperty("sessions").GetArrayLength());
        Assert.Equal(90, log.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("station").GetString() == "kexp-fm").GetProperty("minutes").GetInt32());
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>($"/api/v1/me/listening?month={month}")).GetProperty("sessions").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/me/listening/{morning}", new { startedAt = Yesterday.AddHours(7), minutes = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/me/listening/{evening}")).StatusCode);
        var corrected = await me.PutAsJsonAsync($"/api/v1/me/listening/{morning}", new { startedAt = Yesterday.AddHours(8), minutes = 45 });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/api/v1/me/listening/{evening}")).StatusCode);

        var csv = await me.GetAsync($"/api/v1/me/listening.csv?month={month}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["station,station_name,started_at,minutes", $"kexp-fm,KEXP,{Yesterday.AddHours(8).ToString("O", System.Globalization.CultureInfo.InvariantCulture)},45"], lines);
    }

    [Fact]
    public async Task Every_impossible_session_is_refused_naming_its_field_and_nothing_is_written()
    {
        await kit.AddStationAsync();
        var me = await BearerClientAsync("careful@example.test");
        var now = fixture.Time.GetUtcNow();
        await LogAsync(me, "kexp-fm", Yesterday, 1000);
        var logged = await kit.CountAsync<ListeningSession>();

        var cases = new (object Body, string Field)[]
        {
            (new { station = "kexp-fm", startedAt = Yesterday.AddHours(20), minutes = 0 }, "minutes"),
            (new { station = "kexp-fm", startedAt = Yesterday.AddHours(20), minutes = -5 }, "minutes"),
            (new { station = "kexp-fm", startedAt = Yesterday.AddHours(20), minutes = 1441 }, "minutes"),
            (new { station = "kexp-fm", startedAt = Yesterday.AddHours(20), minutes = (int?)null }, "minutes"),
            (new { station = "kexp-fm", startedAt = Yesterday.AddHours(1), minutes = 441 }, "minutes"),
            (new { station = "kexp-fm", startedAt = (DateTimeOffset?)null, minutes = 30 }, "startedAt"),
            (new { station = "kexp-fm", startedAt = now.AddHours(1), minutes = 30 }, "startedAt"),
            (new { station = "kexp-fm", startedAt = now.AddMinutes(-10), minutes = 20 }, "startedAt"),
            (new { station = "kexp-fm", startedAt = now.AddMonths(-2), minutes = 30 }, "startedAt"),
            (new { station = "nope", startedAt = Yesterday.AddHours(20), minutes = 30 }, "station"),
            (new { station = "", startedAt = Yesterday.AddHours(20), minutes = 30 }, "station"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await me.PostAsJsonAsync("/api/v1/me/listening", body);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {response.StatusCode} {problem}");
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"{JsonSerializer.Serialize(body)} did not name {field}: {problem}");
        }

        Assert.Equal(logged, await kit.CountAsync<ListeningSession>());
    }

    [Fact]
    public async Task Once_its_month_has_closed_a_session_can_no_longer_be_corrected_or_deleted()
    {
        await kit.AddStationAsync();
        var me = await BearerClientAsync("late@example.test");
        var session = await LogAsync(me, "kexp-fm", fixture.Time.GetUtcNow().AddHours(-2), 60);

        fixture.Time.Advance(TimeSpan.FromDays(33 + ListeningSession.GraceDays));
        me = await SignInAsync("late@example.test");
        var corrected = await me.PutAsJsonAsync($"/api/v1/me/listening/{session}", new { startedAt = fixture.Time.GetUtcNow().AddDays(-40), minutes = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.DeleteAsync($"/api/v1/me/listening/{session}")).StatusCode);
        Assert.Equal(1, await kit.CountAsync<ListeningSession>());
    }

    private static async Task<Guid> LogAsync(HttpClient client, string station, DateTimeOffset startedAt, int minutes)
    {
        var response = await client.PostAsJsonAsync("/api/v1/me/listening", new { station, startedAt, minutes });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpClient> BearerClientAsync(string email)
    {
        await Accounts.CreateAsync(App, email, Roles.Listener);
        return await SignInAsync(email);
    }

    /// <summary>A client with a fresh bearer token: tokens expire by the app's clock, which these tests move.</summary>
    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = Accounts.Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}
