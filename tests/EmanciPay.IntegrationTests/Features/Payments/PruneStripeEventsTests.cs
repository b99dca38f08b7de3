using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payments;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>The inbox keeps processed events for Stripe:EventRetentionDays (30), never an unprocessed one.</summary>
[Collection(SqliteWithClockCollection.Name)]
public sealed class PruneStripeEventsTests(SqliteWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task Processed_events_are_deleted_after_the_retention_period_and_unprocessed_ones_are_kept()
    {
        await kit.AddStationAsync();
        await kit.PayAsync(await kit.PledgeAsync(1000));
        var unknown = new JsonObject { ["id"] = "pi_unknown_to_stripe", ["object"] = "payment_intent", ["status"] = "requires_payment_method", ["metadata"] = new JsonObject() };
        var payload = kit.EventPayload("evt_prune_stuck", "payment_intent.payment_failed", unknown);
        await kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, kit.WebhookSecret, fixture.Time.GetUtcNow()));
        await kit.WebhooksDeliveredAsync();
        var received = await EventIdsAsync();

        fixture.Time.Advance(TimeSpan.FromDays(29));
        await App.SendAsync(new PruneStripeEvents.Command());
        var afterTwentyNineDays = await EventIdsAsync();
        fixture.Time.Advance(TimeSpan.FromDays(2));
        await App.SendAsync(new PruneStripeEvents.Command());

        Assert.Equal(5, received.Count);
        Assert.Equal(received, afterTwentyNineDays);
        Assert.Equal(["evt_prune_stuck"], await EventIdsAsync());
        Assert.Equal(941, (await kit.EscrowAsync()).AvailableCredit);
    }

    private Task<List<string>> EventIdsAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
}
