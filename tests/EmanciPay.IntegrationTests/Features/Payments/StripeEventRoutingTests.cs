using System.Net;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>
/// Events are routed by type to the handler that owns it. One of a type no handler owns (an early fraud warning or a review made at
/// Stripe) is kept as ignored, counted on the readiness report, and processed again once a handler exists.
/// </summary>
public abstract class StripeEventRoutingTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task Each_event_is_kept_with_the_type_and_id_of_the_object_it_is_about_and_processed_by_the_payments_handler()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        var intent = Kit.IntentOf(pledge);
        var (intentId, chargeId) = (intent["id"]!.GetValue<string>(), intent["latest_charge"]!.GetValue<string>());
        var sessionId = new Uri(pledge.GetProperty("checkoutUrl").GetString()!).Segments[^1];
        Assert.Equal(
            [
                ("charge.succeeded", "charge", chargeId, StripeEventStatus.Processed),
                ("checkout.session.completed", "checkout.session", sessionId, StripeEventStatus.Processed),
                ("payment_intent.created", "payment_intent", intentId, StripeEventStatus.Processed),
                ("payment_intent.succeeded", "payment_intent", intentId, StripeEventStatus.Processed),
            ],
            (await EventsAsync()).OrderBy(e => e.Type, StringComparer.Ordinal).Select(e => (e.Type, e.ObjectType!, e.ObjectId!, e.Status)));
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Theory]
    [InlineData("radar.early_fraud_warning.created", "radar.early_fraud_warning")]
    [InlineData("review.opened", "review")]
    public async Task An_event_no_handler_owns_is_kept_as_ignored_posts_nothing_and_degrades_readiness(string type, string objectType)
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var intent = Kit.IntentOf(pledge);
        var subjectId = objectType == "review" ? "prv_test_routing" : "issfr_test_routing";

        // Names a paid PaymentIntent, as fraud warnings and reviews do: reading it as a payment would post it.
        var subject = new JsonObject { ["id"] = subjectId, ["object"] = objectType, ["amount"] = 1000, ["currency"] = "usd", ["payment_intent"] = intent["id"]!.GetValue<string>() };
        var payload = Kit.EventPayload("evt_test_unhandled", type, subject);
        var response = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, Kit.WebhookSecret, DateTimeOffset.UtcNow));
        await Kit.WebhooksDeliveredAsync();
        var requeuedByType = await App.SendAsync(new ReprocessIgnoredStripeEvents.Command(type));
        var requeuedAll = await App.SendAsync(new ReprocessIgnoredStripeEvents.Command());
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kept = Assert.Single(await EventsAsync());
        Assert.Equal((type, objectType, subjectId, StripeEventStatus.Ignored, (DateTimeOffset?)null), (kept.Type, kept.ObjectType, kept.ObjectId, kept.Status, kept.ProcessedAt));
        Assert.Equal((0, 0), (requeuedByType.Requeued, requeuedAll.Requeued));
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(PledgeStatus.Pending, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        var health = await Kit.Client.GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Ignored_events_are_processed_again_by_type_once_their_type_has_a_handler()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var intent = Kit.IntentOf(pledge);
        var intentId = intent["id"]!.GetValue<string>();

        // Kept as ignored by an earlier version of the app, which had no handler for payments yet.
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var (id, type) in new[] { ("evt_kept_paid", "payment_intent.succeeded"), ("evt_kept_refunded", "review.opened") })
            {
                var kept = new StripeEvent(id, type, "payment_intent", intentId, Kit.EventPayload(id, type, (JsonObject)intent.DeepClone()), now);
                kept.MarkIgnored();
                db.StripeEvents.Add(kept);
            }

            return await db.SaveChangesAsync();
        });
        var unhandled = await App.SendAsync(new ReprocessIgnoredStripeEvents.Command("review.opened"));
        var requeued = await App.SendAsync(new ReprocessIgnoredStripeEvents.Command("payment_intent.succeeded"));
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal((0, 1), (unhandled.Requeued, requeued.Requeued));
        Assert.Equal(
            [("evt_kept_paid", StripeEventStatus.Processed), ("evt_kept_refunded", StripeEventStatus.Ignored)],
            (await EventsAsync()).OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => (e.Id, e.Status)));
        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
    }

    private Task<List<StripeEvent>> EventsAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking().ToListAsync());
}

[Collection(PostgresCollection.Name)]
public sealed class StripeEventRoutingOnPostgresTests(PostgresFixture fixture) : StripeEventRoutingTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class StripeEventRoutingOnSqliteTests(SqliteFixture fixture) : StripeEventRoutingTests(fixture);
