using System.Net;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>
/// Every request a listener waits on Stripe for (a pledge's checkout, resuming one, a card update) answers 502
/// problem+json when Stripe is down or refusing for load, never a 500, and leaves nothing half-written behind.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StripeUnavailableTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Stripe_down_is_a_502_asking_to_try_again_on_every_listener_call_out_and_nothing_is_written(int status)
    {
        await kit.AddStationAsync();
        var email = $"{Guid.NewGuid():N}@example.test";
        var pledge = await PledgeKit.PostAsync(await Accounts.SignedInClientAsync(App, email, Roles.Listener), PledgeKit.Body(1000, frequency: "monthly", email: null));
        var pledgeId = pledge.GetProperty("id").GetGuid();
        var me = await Accounts.BearerClientAsync(App, email);
        var before = await PledgeRowsAsync();

        App.Factory.Emulator.Faults.FailNext(100, status);
        var calls = new Dictionary<string, HttpResponseMessage>
        {
            ["a pledge"] = await kit.PostPledgeAsync(PledgeKit.Body(1500, email: "guest@example.test"), $"key-{status}"),
            ["resuming a checkout"] = await me.PostAsync($"/api/v1/pledges/{pledgeId}/checkout", null),
            ["a card update"] = await me.PostAsync("/api/v1/me/card", null),
        };
        App.Factory.Emulator.Faults.Clear();

        foreach (var (call, response) in calls)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{call}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("payment_provider_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(before, await PledgeRowsAsync());

        // Once Stripe is back, the same pledge with the same key goes through: the failed try released its key.
        var retried = await kit.PostPledgeAsync(PledgeKit.Body(1500, email: "guest@example.test"), $"key-{status}");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PostAsync($"/api/v1/pledges/{pledgeId}/checkout", null)).StatusCode);
    }

    /// <summary>Each pledge's status, checkout and attempts, to show a refused call changed none of them.</summary>
    private Task<List<string>> PledgeRowsAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Pledges.AsNoTracking()
        .OrderBy(p => p.Id).Select(p => $"{p.Id} {p.Status} {p.CheckoutSessionId} {p.CheckoutAttempts}").ToListAsync());
}
