using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Security;

/// <summary>
/// A pledge's id is in its thank-you page's address and its receipt, so it is no secret: holding one must never be
/// enough to change a pledge. Every route that names a pledge, found from the app's endpoints, is tried by another
/// listener on a listener's monthly pledge, and by a stranger and a listener on a guest's paid gift, whose fallback
/// would otherwise send the gift at its deadline to a station of the stranger's choosing rather than back to the guest;
/// My giving's forms are tried the same way. Only signing in as the pledge's listener (or the cancel link's token, to
/// cancel) may change one; a guest's id opens its thank-you page and nothing more.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PledgeOwnershipTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] GivingForms = ["Change", "Skip", "Pause", "Resume", "Checkout", "Fallback", "Cancel", "Remove"];

    private PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task No_pledge_route_or_form_lets_anyone_but_its_listener_change_a_pledge_a_guests_included()
    {
        await Kit.AddStationAsync();
        await ClaimedStationAsync("WNYC-FM", "WNYC");
        await Accounts.CreateAsync(App, "owner@example.test", Roles.Listener);
        using var owner = await Accounts.BearerClientAsync(App, "owner@example.test");
        using var otherBearer = await BearerOtherAsync();
        using var otherCookie = await Accounts.SignedInClientAsync(App, "cookie-other@example.test", Roles.Listener);
        using var stranger = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var listeners = await OwnersMonthlyPledgeAsync(owner);
        var guests = await GuestsPaidGiftAsync();
        var before = await Kit.PledgeRowAsync(guests);
        var routes = PledgeRoutes();

        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            Expect(await SendAsync(otherBearer, method, pattern, listeners), $"{method} {pattern} by another listener on a listener's pledge");
            Expect(await SendAsync(stranger, method, pattern, guests), $"{method} {pattern} by a stranger on a guest's pledge");
            Expect(await SendAsync(otherBearer, method, pattern, guests), $"{method} {pattern} by a listener on a guest's pledge");
            var own = await SendAsync(owner, method, pattern, listeners);
            if (own.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {pattern} by its own listener: {(int)own.StatusCode}, so the route was not reached");
            }
        }

        foreach (var form in GivingForms)
        {
            Expect(await PostGivingFormAsync(otherCookie, form, listeners), $"My giving's {form} form by another listener on a listener's pledge");
            Expect(await PostGivingFormAsync(otherCookie, form, guests), $"My giving's {form} form by a listener on a guest's pledge");
        }

        var after = await Kit.PledgeRowAsync(guests);
        Assert.True(routes.Count >= 5, $"Only {routes.Count} pledge routes found: {string.Join(", ", routes)}");
        Assert.True(failures.Count == 0, $"{failures.Count} refusals missing:\n{string.Join('\n', failures)}");
        Assert.Equal((before.Amount, before.PausedAt, before.NextChargeAt, before.FallbackRecipientId, before.Status), (after.Amount, after.PausedAt, after.NextChargeAt, after.FallbackRecipientId, after.Status));

        void Expect(HttpResponseMessage response, string what)
        {
            // 404: whether a pledge that is not yours exists is not given away; 401 where signing in is asked first.
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized))
            {
                failures.Add($"{what}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    /// <summary>Every unsafe method of every API route with a pledge's id in it.</summary>
    private List<(string Method, string Pattern)> PledgeRoutes() =>
        App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/pledges/{id", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is not ("GET" or "HEAD")).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string pattern, Guid pledge)
    {
        var path = pattern.Replace("{id:guid}", pledge.ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { amount = 50_000, ratePerHour = (long?)null, skipNextMonth = true, station = "wnyc-fm" }),
        };
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostGivingFormAsync(HttpClient client, string handler, Guid pledge) =>
        await Accounts.PostFormAsync(client, $"/me/giving?handler={handler}", new()
        {
            ["pledgeId"] = pledge.ToString(),
            ["Change.PledgeId"] = pledge.ToString(),
            ["Change.Amount"] = "500",
            ["fallback"] = "wnyc-fm",
        }, "/me/giving");

    private async Task<HttpClient> BearerOtherAsync()
    {
        await Accounts.CreateAsync(App, "other@example.test", Roles.Listener);
        return await Accounts.BearerClientAsync(App, "other@example.test");
    }

    private static async Task<Guid> OwnersMonthlyPledgeAsync(HttpClient owner)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(PledgeKit.Body(1000, frequency: "monthly", email: null)) };
        request.Headers.Add("Idempotency-Key", "owners");
        var response = await owner.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task ClaimedStationAsync(string callSign, string name)
    {
        await Kit.AddStationAsync(callSign, name);
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            (await db.Recipients.SingleAsync(r => r.CallSign == callSign)).MarkClaimed(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
    }

    private async Task<Guid> GuestsPaidGiftAsync()
    {
        var response = await Kit.PostPledgeAsync(PledgeKit.Body(1000, email: "guest@example.test"), "guests");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pledge = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotNull(await Kit.PayAsync(pledge));
        await Kit.WebhooksDeliveredAsync();
        var id = pledge.GetProperty("id").GetGuid();
        Assert.Null((await Kit.PledgeRowAsync(id)).ListenerId);
        return id;
    }
}
