using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>Payments reach the books through signed webhooks, by way of the inbox: paid, declined, duplicated, reordered, forged, stale.</summary>
public abstract class ProcessStripeEventsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_paid_pledge_posts_the_gross_to_escrow_and_the_fee_as_its_own_postings()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        var row = await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        Assert.Equal(PledgeStatus.Paid, row.Status);
        var balances = await Kit.BalancesAsync();
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(new AccountBalance(1000, 59, 0, 0), balances["stripe:balance"]);
        Assert.Equal(new AccountBalance(59, 59, 0, 0), balances["fees:processing"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(1, await Kit.CountAsync<Payment>());
        Assert.Equal(4, await Kit.CountAsync<StripeEvent>());
        var station = await Kit.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/stations/kexp-fm");
        var escrow = Assert.Single(station.GetProperty("escrow").EnumerateArray());
        Assert.Equal(("usd", 941L, 0L), (escrow.GetProperty("currency").GetString(), escrow.GetProperty("available").GetInt64(), escrow.GetProperty("reserved").GetInt64()));
        Assert.False(station.GetProperty("claimed").GetBoolean());
        var unknown = await Kit.Client.GetAsync("/api/v1/stations/no-such-station");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("4000000000000002", "Your card was declined.")]
    [InlineData("4000000000009995", "Your card has insufficient funds.")]
    public async Task A_declined_payment_marks_the_pledge_failed_and_posts_nothing(string card, string reason)
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        var thanks = await Kit.PayAsync(pledge, card);
        await Kit.WebhooksDeliveredAsync();

        Assert.Null(thanks);
        var row = await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        Assert.Equal((PledgeStatus.Failed, reason), (row.Status, row.FailureReason));
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(0, await Kit.CountAsync<Payment>());
        Assert.Equal(default, await Kit.EscrowAsync());
    }

    [Fact]
    public async Task A_decline_then_another_card_pays_once()
    {
        await Kit.AddStationAsync();
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge, "4000000000000002");
        await Kit.PayAsync(pledge, "4242424242424242");
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Duplicated_webhooks_are_answered_200_and_post_nothing_more()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Duplicate = true;
        var pledge = await Kit.PledgeAsync(1000);

        await Kit.PayAsync(pledge);
        await Kit.WebhooksDeliveredAsync();

        var attempts = App.Factory.Emulator.Webhooks.Attempts;
        Assert.Equal(8, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(200, a.Status));
        Assert.Equal(4, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Events_delivered_in_reverse_order_converge_on_the_same_books()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);

        App.Factory.Emulator.Webhooks.Release(reverse: true);
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal("checkout.session.completed", App.Factory.Emulator.Webhooks.Attempts[0].Type);
        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task The_thank_you_page_records_the_payment_before_any_webhook_and_the_webhooks_then_find_it_done()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await Kit.PledgeAsync(1000);
        var thanks = await Kit.PayAsync(pledge);

        var page = await Kit.Client.GetStringAsync(thanks!.PathAndQuery);
        var escrowBeforeWebhooks = await Kit.EscrowAsync();
        App.Factory.Emulator.Webhooks.Release();
        await Kit.WebhooksDeliveredAsync();

        Assert.Contains("Thank you!", page, StringComparison.Ordinal);
        Assert.Contains("id=\"receipt-net\">$9.41", page, StringComparison.Ordinal);
        Assert.Equal(941, escrowBeforeWebhooks.AvailableCredit);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Forged_missing_and_stale_signatures_are_400_and_record_nothing_while_a_good_one_posts()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var intentId = Kit.IntentOf(pledge)["id"]!.GetValue<string>();
        var payload = Kit.EventPayload("evt_test_forged", "payment_intent.succeeded", App.Factory.Emulator.Retrieve(intentId, "payment_intent", []));
        var secret = App.Factory.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret;

        var forged = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, "whsec_attacker", DateTimeOffset.UtcNow));
        var unsigned = await Kit.DeliverWebhookAsync(payload, null);
        var stale = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow.AddSeconds(-301)));
        var tampered = await Kit.DeliverWebhookAsync(payload.Replace("1000", "9000", StringComparison.Ordinal), WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow));
        Assert.Equal(0, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        var genuine = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow));
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK],
            new[] { forged, unsigned, stale, tampered, genuine }.Select(r => r.StatusCode));
        Assert.Equal(1, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task A_burst_of_webhooks_posts_each_payment_once_with_stripes_fee_and_sends_every_receipt()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        App.Factory.Emulator.Webhooks.Duplicate = true;
        var amounts = Enumerable.Range(0, 25).Select(i => 1000L + (i * 137)).ToList();
        foreach (var (amount, i) in amounts.Select((a, i) => (a, i)))
        {
            await Kit.PayAsync(await Kit.PledgeAsync(amount, key: $"burst-{i}", email: $"listener{i}@example.test"));
        }

        App.Factory.Emulator.Webhooks.Release();
        await Kit.WebhooksDeliveredAsync();

        static long Fee(long amount) => (long)Math.Round(amount * 0.029m, MidpointRounding.AwayFromZero) + 30;
        var payments = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking().ToListAsync());
        Assert.Equal(amounts.Order(), payments.Select(p => p.Gross).Order());
        Assert.All(payments, p => Assert.Equal(Fee(p.Gross), p.Fee));
        Assert.Equal(amounts.Sum(a => a - Fee(a)), (await Kit.EscrowAsync()).AvailableCredit);
        var balances = await Kit.BalancesAsync();
        Assert.Equal(new AccountBalance(amounts.Sum(), amounts.Sum(Fee), 0, 0), balances["stripe:balance"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(25, await Kit.CountAsync<JournalEntry>());
        Assert.All(App.Factory.Emulator.Webhooks.Attempts, a => Assert.Equal(200, a.Status));
        Assert.Equal(100, await Kit.CountAsync<StripeEvent>());
        await PledgeKit.WaitForAsync(() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AllAsync(p => p.ReceiptSentAt != null)));
    }

    [Fact]
    public async Task One_event_delivered_many_times_at_once_is_new_once_and_posts_once()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var payload = Kit.EventPayload("evt_test_many", "payment_intent.succeeded", Kit.IntentOf(pledge));
        var signature = WebhookDispatcher.Sign(payload, Kit.WebhookSecret, DateTimeOffset.UtcNow);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Kit.DeliverWebhookAsync(payload, signature)));
        await Kit.WebhooksDeliveredAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var duplicates = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("duplicate").GetBoolean()));
        Assert.Equal(1, duplicates.Count(d => !d));
        Assert.Equal(1, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task A_fee_missing_from_the_balance_transaction_listing_is_read_from_the_payment_itself()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);

        // A PaymentIntent claiming to be created later than its charge sends the listing past the charge's balance transaction.
        var intent = Kit.IntentOf(pledge);
        intent["created"] = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var payload = Kit.EventPayload("evt_test_late", "payment_intent.succeeded", intent);
        var response = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, Kit.WebhookSecret, DateTimeOffset.UtcNow));
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking().SingleAsync());
        Assert.Equal((1000L, 59L), (payment.Gross, payment.Fee));
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
    }

    [Fact]
    public async Task An_event_that_cannot_be_processed_waits_with_backoff_and_the_others_are_posted()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var unknown = new System.Text.Json.Nodes.JsonObject { ["id"] = "pi_unknown_to_stripe", ["object"] = "payment_intent", ["status"] = "requires_payment_method", ["metadata"] = new System.Text.Json.Nodes.JsonObject() };
        var payload = Kit.EventPayload("evt_test_unreadable", "payment_intent.payment_failed", unknown);

        var response = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, Kit.WebhookSecret, DateTimeOffset.UtcNow));
        App.Factory.Emulator.Webhooks.Release();
        await Kit.WebhooksDeliveredAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stuck = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking().SingleAsync(e => e.Id == "evt_test_unreadable"));
        Assert.Null(stuck.ProcessedAt);
        Assert.True(stuck.FailedAttempts >= 1);
        Assert.True(stuck.DueAt > stuck.ReceivedAt);
        Assert.Equal(PledgeStatus.Paid, (await Kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid())).Status);
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(4, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.CountAsync(e => e.ProcessedAt != null)));
        var health = await Kit.Client.GetAsync("/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_event_in_an_api_version_stripe_net_cannot_read_is_400_and_recorded_nowhere()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(100);
        var pledge = await Kit.PledgeAsync(1000);
        await Kit.PayAsync(pledge);
        var payload = Kit.EventPayload("evt_test_old", "payment_intent.succeeded", Kit.IntentOf(pledge)).Replace(App.Factory.Emulator.Options.ApiVersion, "2020-08-27", StringComparison.Ordinal);

        var response = await Kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, Kit.WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Kit.CountAsync<StripeEvent>());
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ProcessStripeEventsOnPostgresTests(PostgresFixture fixture) : ProcessStripeEventsTests(fixture)
{
    [Fact]
    public async Task Workers_racing_over_the_same_events_process_each_once()
    {
        await Kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.DropNext(1000);
        var received = new List<ReceiveStripeEvents.ReceivedEvent>();
        for (var i = 0; i < 12; i++)
        {
            var pledge = await Kit.PledgeAsync(1000 + i, key: $"race-{i}", email: $"racer{i}@example.test");
            await Kit.PayAsync(pledge);
            var intent = Kit.IntentOf(pledge);
            received.Add(new ReceiveStripeEvents.ReceivedEvent($"evt_race_{i}", "payment_intent.succeeded", "payment_intent", intent["id"]!.GetValue<string>(), Kit.EventPayload($"evt_race_{i}", "payment_intent.succeeded", intent)));
        }

        await App.WithScopeAsync(sp => sp.GetRequiredService<ISender>().Send(new ReceiveStripeEvents.Request(received)).AsTask());
        var ids = received.Select(e => e.EventId).ToList();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await App.SendAsync(new ProcessStripeEvents.Command(await App.SendAsync(new ReadStripeEvents.Query(ids)))))));
        await Kit.WebhooksDeliveredAsync();

        Assert.True(results.Sum(r => r.Processed) <= 12);
        Assert.Equal(12, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(12, await Kit.CountAsync<Payment>());
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => 1000 + i - ((long)Math.Round((1000 + i) * 0.029m, MidpointRounding.AwayFromZero) + 30)), (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(12, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.CountAsync(e => e.ProcessedAt != null)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProcessStripeEventsOnSqliteTests(SqliteFixture fixture) : ProcessStripeEventsTests(fixture);
